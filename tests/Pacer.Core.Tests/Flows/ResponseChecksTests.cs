using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Pacer.Core.Plans.Scenarios.Checks;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

public sealed class ResponseChecksTests
{
    private static readonly FakeTemplateScope Scope = new() { VirtualUser = 3, Iteration = 7, Variables = { ["id"] = "s-1", ["count"] = "3" } };

    private static readonly ExchangeResponse Json = Response(201, """{"id":"s-1","total":3,"items":[{"n":1}],"status":"active"}""", ("Content-Type", "application/json"), ("X-Id", "42"));

    [Theory]
    [InlineData(201, true)]
    [InlineData(200, false)]
    public void StatusCheck_ExactCode(int allowed, bool passes) =>
        Assert.Equal(passes, new StatusCheck("s", [(allowed, allowed)]).Passes(Json, Scope, new WireBuffer()));

    [Fact]
    public void StatusCheck_ClassAndList()
    {
        Assert.True(new StatusCheck("2xx", [(200, 299)]).Passes(Json, Scope, new WireBuffer()));
        Assert.False(new StatusCheck("4xx", [(400, 499)]).Passes(Json, Scope, new WireBuffer()));
        Assert.True(new StatusCheck("list", [(200, 200), (201, 201)]).Passes(Json, Scope, new WireBuffer()));
    }

    [Fact]
    public void HeaderCheck_PresentAndEquals()
    {
        Assert.True(new HeaderCheck("h", "x-id", null).Passes(Json, Scope, new WireBuffer()));
        Assert.True(new HeaderCheck("h", "X-Id", Value("42")).Passes(Json, Scope, new WireBuffer()));
        Assert.False(new HeaderCheck("h", "X-Id", Value("43")).Passes(Json, Scope, new WireBuffer()));
        Assert.False(new HeaderCheck("h", "X-Missing", null).Passes(Json, Scope, new WireBuffer()));
    }

    [Fact]
    public void BodyChecks_ContainsAndMatches()
    {
        Assert.True(new BodyContainsCheck("c", Value("\"status\":\"active\"")).Passes(Json, Scope, new WireBuffer()));
        Assert.False(new BodyContainsCheck("c", Value("inactive")).Passes(Json, Scope, new WireBuffer()));
        Assert.True(new BodyMatchesCheck("m", new Regex("\"total\":\\d+")).Passes(Json, Scope, new WireBuffer()));
        Assert.False(new BodyMatchesCheck("m", new Regex("^x")).Passes(Json, Scope, new WireBuffer()));
    }

    [Theory]
    [InlineData("$.id", JsonCondition.Exists, null, true)]
    [InlineData("$.nope", JsonCondition.Exists, null, false)]
    [InlineData("$.status", JsonCondition.Equals, "active", true)]
    [InlineData("$.items[0].n", JsonCondition.Equals, "1", true)]
    [InlineData("$.total", JsonCondition.GreaterThan, "2", true)]
    [InlineData("$.total", JsonCondition.LessThan, "3", false)]
    [InlineData("$.status", JsonCondition.LessThan, "3", false)]
    public void JsonCheck_Conditions(string path, JsonCondition condition, string? expected, bool passes) =>
        Assert.Equal(passes, new JsonCheck("j", JsonPathExpression.Parse(path), condition, expected is null ? null : Value(expected)).Passes(Json, Scope, new WireBuffer()));

    [Fact]
    public void JsonCheck_BodyNotJson_Fails() =>
        Assert.False(new JsonCheck("j", JsonPathExpression.Parse("$.a"), JsonCondition.Exists, null).Passes(Response(200, "<html>"), Scope, new WireBuffer()));

    [Fact]
    public void DurationCheck_ComparesServiceTime()
    {
        var fast = Response(200, "", durationMs: 10);
        var slow = Response(200, "", durationMs: 80);

        Assert.True(new DurationCheck("d", TimeSpan.FromMilliseconds(50)).Passes(fast, Scope, new WireBuffer()));
        Assert.False(new DurationCheck("d", TimeSpan.FromMilliseconds(50)).Passes(slow, Scope, new WireBuffer()));
    }

    [Fact]
    public void CheckValues_RenderTheirPlaceholders_AsEveryOtherTemplate()
    {
        var named = Response(200, """{"id":"s-1","name":"n-3-7"}""", ("X-Id", "s-1"));

        Assert.True(new JsonCheck("j", JsonPathExpression.Parse("$.id"), JsonCondition.Equals, Value("${id}")).Passes(named, Scope, new WireBuffer()));
        Assert.True(new JsonCheck("j", JsonPathExpression.Parse("$.name"), JsonCondition.Equals, Value("n-${vu}-${iter}")).Passes(named, Scope, new WireBuffer()));
        Assert.False(new JsonCheck("j", JsonPathExpression.Parse("$.name"), JsonCondition.Equals, Value("n-${vu}-${count}")).Passes(named, Scope, new WireBuffer()));
        Assert.True(new HeaderCheck("h", "X-Id", Value("${id}")).Passes(named, Scope, new WireBuffer()));
        Assert.True(new BodyContainsCheck("c", Value("\"${id}\"")).Passes(named, Scope, new WireBuffer()));
        Assert.False(new BodyContainsCheck("c", Value("${count}${count}")).Passes(named, Scope, new WireBuffer()));
    }

    [Fact]
    public void CheckValue_WithAVariableNotSet_ThrowsTheRenderError()
    {
        var check = new JsonCheck("j", JsonPathExpression.Parse("$.id"), JsonCondition.Equals, Value("${token}"));

        var error = Assert.Throws<TemplateRenderException>(() => check.Passes(Json, Scope, new WireBuffer()));
        Assert.Contains("'token' is not set", error.Message, StringComparison.Ordinal);
    }

    private static CheckValue Value(string text) => new(Template.Compile(text));

    internal static ExchangeResponse Response(int status, string body, params (string Name, string Value)[] headers) => Response(status, body, 1, headers);

    internal static ExchangeResponse Response(int status, string body, double durationMs, params (string Name, string Value)[] headers)
    {
        var send = Stopwatch.GetTimestamp();
        var end = send + (long)(durationMs / 1000 * Stopwatch.Frequency);
        return ExchangeResponse.From(new TransportResult(status, ErrorKindNames.FromStatus(status), send, end, 100, body.Length), [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], Encoding.UTF8.GetBytes(body));
    }
}

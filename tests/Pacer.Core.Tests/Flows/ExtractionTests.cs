using System.Text;
using System.Text.RegularExpressions;
using Pacer.Core.Flows;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

public sealed class ExtractionTests
{
    private static readonly ExchangeResponse Login = ResponseChecksTests.Response(200, """{"token":"abc","user":{"roles":["a","b"]}}""", ("X-Session", "s-9"), ("Set-Cookie", "sid=c00k; Path=/; HttpOnly"));

    [Theory]
    [InlineData(ExtractionSource.Json, "$.token", "abc")]
    [InlineData(ExtractionSource.Json, "$.user.roles[-1]", "b")]
    [InlineData(ExtractionSource.Header, "x-session", "s-9")]
    [InlineData(ExtractionSource.Cookie, "sid", "c00k")]
    [InlineData(ExtractionSource.Regex, "\"token\":\"(\\w+)\"", "abc")]
    public void TryExtract_EachSource_TakesTheValue(ExtractionSource source, string selector, string expected)
    {
        var extraction = Extraction(source, selector);

        var value = new WireBuffer();

        Assert.True(extraction.TryExtract(Login, value, out _));
        Assert.Equal(expected, Encoding.UTF8.GetString(value.WrittenSpan));
    }

    [Theory]
    [InlineData(ExtractionSource.Json, "$.missing", "nothing at $.missing")]
    [InlineData(ExtractionSource.Header, "X-None", "no 'X-None' header")]
    [InlineData(ExtractionSource.Cookie, "other", "sets no cookie 'other'")]
    [InlineData(ExtractionSource.Regex, "nomatch(\\d)", "does not match")]
    public void TryExtract_Missing_SaysWhy(ExtractionSource source, string selector, string problem)
    {
        Assert.False(Extraction(source, selector).TryExtract(Login, new WireBuffer(), out var why));
        Assert.Contains(problem, why, StringComparison.Ordinal);
    }

    [Fact]
    public void TryExtract_JsonFromNonJsonBody_SaysSo()
    {
        Assert.False(Extraction(ExtractionSource.Json, "$.a").TryExtract(ResponseChecksTests.Response(200, "not json"), new WireBuffer(), out var why));
        Assert.Contains("not JSON", why, StringComparison.Ordinal);
    }

    [Fact]
    public void CookieJar_StoresSendsAndDeletes()
    {
        var jar = new CookieJar();
        jar.Store("h"u8, ResponseChecksTests.Response(200, "", ("Set-Cookie", "a=1; Path=/"), ("Set-Cookie", "b=2")));
        Assert.Equal("Cookie: a=1; b=2\r\n", HeaderFor(jar, "h"));
        Assert.Equal("", HeaderFor(jar, "other"));

        jar.Store("H"u8, ResponseChecksTests.Response(200, "", ("Set-Cookie", "a=; Max-Age=0"), ("Set-Cookie", "b=3")));
        Assert.Equal("Cookie: b=3\r\n", HeaderFor(jar, "h"));

        jar.Store("h"u8, ResponseChecksTests.Response(200, "", ("Set-Cookie", "b=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT")));
        Assert.Equal("", HeaderFor(jar, "h"));
    }

    [Fact]
    public void VirtualUser_IterationVariablesResetUserVariablesStay()
    {
        var user = new VirtualUser(3);
        var scenario = new ScenarioSpec { Name = "s", Steps = [], Variables = new Dictionary<string, string> { ["greeting"] = "hi" } };
        user.Begin(scenario, 1, null);
        user.Set("token", "t1"u8, VariableScope.VirtualUser);
        user.Set("id", "i1"u8, VariableScope.Iteration);

        user.Begin(scenario, 2, null);

        Assert.True(user.TryGetVariable("token", out var token));
        Assert.Equal("t1", Encoding.UTF8.GetString(token));
        Assert.False(user.TryGetVariable("id", out _));
        Assert.True(user.TryGetVariable("greeting", out var greeting));
        Assert.Equal("hi", Encoding.UTF8.GetString(greeting));
    }

    private static string HeaderFor(CookieJar jar, string host)
    {
        var output = new WireBuffer();
        jar.WriteHeader(Encoding.UTF8.GetBytes(host), output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static Extraction Extraction(ExtractionSource source, string selector) => new()
    {
        Variable = "v",
        Source = source,
        Selector = selector,
        JsonPath = source == ExtractionSource.Json ? JsonPathExpression.Parse(selector) : null,
        Pattern = source == ExtractionSource.Regex ? new Regex(selector) : null,
    };
}

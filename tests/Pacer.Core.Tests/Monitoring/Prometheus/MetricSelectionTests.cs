using Pacer.Core.Monitoring.Prometheus;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

public sealed class MetricSelectionTests
{
    [Theory]
    [InlineData("http_requests_total", "http_requests_total", 0)]
    [InlineData("http_requests_total{code=\"500\"}", "http_requests_total", 1)]
    [InlineData(" http_requests_total{ code =~ \"5..\" , path!=\"/health\", method!~\"GET|HEAD\", } ", "http_requests_total", 3)]
    [InlineData("http_*_total", "http_*_total", 0)]
    [InlineData("ns:rule:rate5m{}", "ns:rule:rate5m", 0)]
    public void Parse_ReadsNameAndMatchers(string expression, string name, int matchers)
    {
        var selection = MetricSelection.Parse(expression);

        Assert.Equal(name, selection.Name);
        Assert.Equal(name, selection.Metric);
        Assert.Equal(matchers, selection.Matchers.Count);
    }

    [Fact]
    public void Parse_WithAlias_NamesTheReadingAfterIt()
    {
        var selection = MetricSelection.Parse("http_requests_total{code=~\"5..\"}", "errors_5xx");

        Assert.Equal("errors_5xx", selection.Name);
        Assert.Equal("http_requests_total", selection.Metric);
        Assert.Equal("errors_5xx: http_requests_total{code=~\"5..\"}", selection.ToString());
    }

    [Theory]
    [InlineData("code", "=", "500", "500", true)]
    [InlineData("code", "=", "500", "200", false)]
    [InlineData("code", "!=", "200", "500", true)]
    [InlineData("code", "=~", "5..", "503", true)]
    [InlineData("code", "=~", "5..", "1503", false)] // anchored, as in PromQL
    [InlineData("code", "!~", "2..", "200", false)]
    [InlineData("missing", "=", "", "x", true)] // a label the series lacks reads as ""
    [InlineData("missing", "!=", "200", "x", true)]
    public void Matchers_FollowPromQL(string label, string op, string value, string actual, bool matches)
    {
        var selection = MetricSelection.Parse($"m{{{label}{op}\"{value}\"}}");
        var sample = new ExpositionSample("m", [new("code", actual)], 1, null, 1);

        Assert.Equal(matches, selection.MatchesLabels(sample));
    }

    [Theory]
    [InlineData("http_*", "http_requests_total", true)]
    [InlineData("*_total", "http_requests_total", true)]
    [InlineData("http_*_total", "http_requests_total", true)]
    [InlineData("http_*_total", "http_requests", false)]
    [InlineData("*", "anything", true)]
    [InlineData("http_requests", "http_requests_total", false)]
    public void MatchesName_GlobsWithStar(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, MetricSelection.Parse(pattern).MatchesName(name));
    }

    [Theory]
    [InlineData("", "must start with a metric name")]
    [InlineData("9lives", "must start with a metric name")]
    [InlineData("m{code=500}", "the value for label code must be in double quotes")]
    [InlineData("m{code~\"5..\"}", "expected =, !=, =~ or !~ after label code")]
    [InlineData("m{code=\"5", "is not closed")]
    [InlineData("m{code=\"5\" path=\"/\"}", "expected ',' or '}'")]
    [InlineData("m{code=~\"(\"}", "is not a valid regular expression for label code")]
    [InlineData("m{code=\"5\"} extra", "unexpected ' extra' after '}'")]
    [InlineData("m[5m]", "expected '{' after the metric name")]
    public void Parse_BadSelector_SaysWhatWouldBeRight(string expression, string message)
    {
        var error = Assert.Throws<FormatException>(() => MetricSelection.Parse(expression));

        Assert.StartsWith($"metric selector '{expression}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadAlias_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => MetricSelection.Parse("m", "errors 5xx"));

        Assert.Contains("the name 'errors 5xx' is not a metric name", error.Message, StringComparison.Ordinal);
    }
}

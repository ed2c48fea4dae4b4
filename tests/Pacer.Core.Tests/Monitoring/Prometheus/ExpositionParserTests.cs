using Pacer.Core.Monitoring.Prometheus;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

public sealed class ExpositionParserTests
{
    [Fact]
    public void Parse_ReadsHelpTypeSamplesLabelsAndTimestamps()
    {
        var exposition = ExpositionParser.Parse("""
            # HELP http_requests_total The total number of HTTP requests.\nSecond line with a \\ backslash.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # A free comment is ignored.
            metric_without_timestamp_and_labels 12.47
            """);

        Assert.Equal(MetricType.Counter, exposition.Types["http_requests_total"]);
        Assert.Equal(3, exposition.Samples.Count);
        var first = exposition.Samples[0];
        Assert.Equal("http_requests_total", first.Name);
        Assert.Equal([new("method", "post"), new("code", "200")], first.Labels);
        Assert.Equal(1027, first.Value);
        Assert.Equal(1395066363000, first.TimestampMs);
        Assert.Equal(3, first.Line);
        Assert.Equal(3, exposition.Samples[1].Value);
        Assert.Equal(12.47, exposition.Samples[2].Value);
        Assert.Null(exposition.Samples[2].TimestampMs);
        Assert.Empty(exposition.Samples[2].Labels);
        Assert.Equal(7, exposition.Samples[2].Line);
    }

    [Theory]
    [InlineData("""msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9""", "path", "C:\\DIR\\FILE.TXT")]
    [InlineData("""msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9""", "error", "Cannot find file:\n\"FILE.TXT\"")]
    [InlineData("""m{a="with } and , and # inside"} 1""", "a", "with } and , and # inside")]
    [InlineData("""m{ a = "spaced" , } 1""", "a", "spaced")]
    [InlineData("""m{a=""} 1""", "a", "")]
    public void Parse_UnescapesLabelValues(string line, string label, string expected)
    {
        var sample = Assert.Single(ExpositionParser.Parse(line).Samples);

        Assert.Equal(expected, sample.Label(label));
    }

    [Theory]
    [InlineData("m +Inf", double.PositiveInfinity)]
    [InlineData("m -Inf", double.NegativeInfinity)]
    [InlineData("m NaN", double.NaN)]
    [InlineData("m nan", double.NaN)]
    [InlineData("m 1e-3", 0.001)]
    [InlineData("m -0.5", -0.5)]
    [InlineData("m\t42\t1700000000000", 42)]
    [InlineData("m{le=\"+Inf\"} 17", 17)]
    public void Parse_ReadsSpecialAndPlainValues(string line, double expected)
    {
        var sample = Assert.Single(ExpositionParser.Parse(line).Samples);

        Assert.Equal(expected, sample.Value);
    }

    [Fact]
    public void Parse_ReadsOpenMetrics_EofCreatedExemplarsAndSecondTimestamps()
    {
        var exposition = ExpositionParser.Parse("""
            # TYPE http_requests counter
            # UNIT http_requests requests
            # HELP http_requests Requests.
            http_requests_total{code="200"} 17 1700000000.5 # {trace_id="abc"} 1 1700000000.1
            http_requests_created{code="200"} 1700000000
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1"} 8 # {trace_id="x"} 0.05
            latency_seconds_bucket{le="+Inf"} 9
            # EOF
            """);

        Assert.Equal(MetricType.Counter, exposition.Types["http_requests"]);
        Assert.Equal(4, exposition.Samples.Count);
        Assert.Equal(17, exposition.Samples[0].Value);
        Assert.Equal(1700000000500, exposition.Samples[0].TimestampMs);
        Assert.Equal(8, exposition.Samples[2].Value);
    }

    [Fact]
    public void Parse_AcceptsCrLfAndEmptyInput()
    {
        Assert.Equal(2, ExpositionParser.Parse("a 1\r\nb 2\r\n").Samples.Count);
        Assert.Empty(ExpositionParser.Parse("").Samples);
        Assert.Empty(ExpositionParser.Parse("\n\n  \n").Samples);
    }

    [Theory]
    [InlineData("ok 1\n{a=\"b\"} 1", 2, "expected a metric name at the start of the line")]
    [InlineData("m{a=\"b\" 1", 1, "expected ',' or '}' after label a of m")]
    [InlineData("m{a=\"b} 1", 1, "the value of label a of m is not closed")]
    [InlineData("m{a=\"b\\t\"} 1", 1, "invalid escape '\\t' in label a of m")]
    [InlineData("m{a=b} 1", 1, "expected '\"' to open the value of label a of m")]
    [InlineData("m{a=\"1\",a=\"2\"} 1", 1, "label a appears twice on m")]
    [InlineData("m{1a=\"1\"} 1", 1, "expected a label name")]
    [InlineData("m", 1, "expected a value after m")]
    [InlineData("\n\nm one", 3, "'one' is not a number")]
    [InlineData("m 1 soon", 1, "'soon' is not a timestamp")]
    [InlineData("m 1 2 3", 1, "unexpected '3' after the value of m")]
    [InlineData("# TYPE m countr\nm 1", 1, "unknown metric type 'countr' for m")]
    [InlineData("# TYPE m counter\n# TYPE m gauge", 2, "a second TYPE line for m")]
    [InlineData("# TYPE\n", 1, "expected a metric name after '# TYPE'")]
    [InlineData("m 1\n# EOF\nn 2", 3, "content after '# EOF'")]
    public void Parse_MalformedLine_NamesTheLineAndTheProblem(string text, int line, string message)
    {
        var error = Assert.Throws<ExpositionFormatException>(() => ExpositionParser.Parse(text));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}

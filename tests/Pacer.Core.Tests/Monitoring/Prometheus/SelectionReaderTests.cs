using Pacer.Core.Monitoring;
using Pacer.Core.Monitoring.Prometheus;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

public sealed class SelectionReaderTests
{
    private const string Requests = """
        # TYPE http_requests_total counter
        http_requests_total{code="200",path="/a"} @0
        http_requests_total{code="500",path="/a"} @1
        http_requests_total{code="503",path="/b"} @2
        """;

    [Fact]
    public void Counter_IsTheRateOfItsIncrease_OverTheMeasuredTime()
    {
        var reader = Reader("http_requests_total{code=\"200\"}");
        Read(reader, Format(Requests, 100, 0, 0), null);

        Assert.Equal([new("http_requests_total", 50, TargetUnit.PerSecond)], Read(reader, Format(Requests, 150, 0, 0), 1.0));
        Assert.Equal([new("http_requests_total", 25, TargetUnit.PerSecond)], Read(reader, Format(Requests, 200, 0, 0), 2.0));
    }

    [Fact]
    public void Counter_Reset_CountsTheNewValue_NeverNegative()
    {
        var reader = Reader("http_requests_total{code=\"200\"}");
        Read(reader, Format(Requests, 1000, 0, 0), null);

        // The service restarted between scrapes: it counted 30 since, and 1000 − 30 is not a decrease of traffic.
        Assert.Equal([new("http_requests_total", 30, TargetUnit.PerSecond)], Read(reader, Format(Requests, 30, 0, 0), 1.0));
        Assert.Equal([new("http_requests_total", 20, TargetUnit.PerSecond)], Read(reader, Format(Requests, 50, 0, 0), 1.0));
    }

    [Fact]
    public void Selection_SumsEveryMatchingSeries_WithRegexAndNegativeMatchers()
    {
        var errors = Reader("http_requests_total{code=~\"5..\"}", "errors_5xx");
        var notOk = Reader("http_requests_total{code!=\"200\",path!~\"/b\"}");
        Read(errors, Format(Requests, 10, 10, 10), null);
        Read(notOk, Format(Requests, 10, 10, 10), null);

        Assert.Equal([new("errors_5xx", 7 + 4, TargetUnit.PerSecond)], Read(errors, Format(Requests, 1000, 17, 14), 1.0));
        Assert.Equal([new("http_requests_total", 7, TargetUnit.PerSecond)], Read(notOk, Format(Requests, 1000, 17, 14), 1.0));
    }

    [Fact]
    public void Selection_ASeriesThatAppears_CountsFromZero_AndNoMatchingSeriesIsZero()
    {
        var reader = Reader("http_requests_total{code=\"500\"}");
        var before = "# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} 5\n";

        Read(reader, before, null);
        Assert.Equal([new("http_requests_total", 0, TargetUnit.PerSecond)], Read(reader, before, 1.0));
        Assert.Equal([new("http_requests_total", 3, TargetUnit.PerSecond)], Read(reader, before + "http_requests_total{code=\"500\"} 3\n", 1.0));
        Assert.True(reader.EverFound);
    }

    [Theory]
    [InlineData("process_cpu_seconds_total", TargetUnit.Cores)]
    [InlineData("net_received_bytes_total", TargetUnit.BytesPerSecond)]
    [InlineData("jobs_total", TargetUnit.PerSecond)]
    public void CounterUnits_FollowTheName(string name, TargetUnit unit)
    {
        var reader = Reader(name);
        Read(reader, $"# TYPE {name} counter\n{name} 1\n", null);

        Assert.Equal([new(name, 0.5, unit)], Read(reader, $"# TYPE {name} counter\n{name} 2\n", 2.0));
    }

    [Theory]
    [InlineData("process_resident_memory_bytes", 4096, 4096, TargetUnit.Bytes)]
    [InlineData("cache_hit_ratio", 0.25, 0.25, TargetUnit.Ratio)]
    [InlineData("queue_oldest_seconds", 0.25, 250, TargetUnit.Milliseconds)]
    [InlineData("queue_length", 7, 7, TargetUnit.Count)]
    public void Gauge_IsItsValue_InTheUnitItsNameSays(string name, double value, double expected, TargetUnit unit)
    {
        var reader = Reader(name);
        var text = $"# TYPE {name} gauge\n{name}{{shard=\"1\"}} {value}\n{name}{{shard=\"2\"}} 0\n";
        Read(reader, text, null);

        Assert.Equal([new(name, expected, unit)], Read(reader, text, 1.0));
    }

    [Fact]
    public void Gauge_NaN_GivesNoReading()
    {
        var reader = Reader("temperature");
        Assert.Empty(Read(reader, "temperature NaN\n", 1.0));
    }

    [Fact]
    public void Histogram_GivesQuantilesOfTheSecondsBucketIncreases_InMilliseconds_AndItsRate()
    {
        var reader = Reader("latency_seconds");
        // Baseline (a, b), then the second adds (10, 30, 90, 100, 100) cumulatively: HistogramQuantileTests' hand histogram.
        Read(reader, Histogram(("0.1", 5), ("0.25", 6), ("0.5", 7), ("1", 8), ("+Inf", 9)), null);
        var readings = Read(reader, Histogram(("0.1", 15), ("0.25", 36), ("0.5", 97), ("1", 108), ("+Inf", 109)), 2.0);

        Assert.Equal(["latency_seconds_rate", "latency_seconds_p50", "latency_seconds_p95", "latency_seconds_p99"], readings.Select(r => r.Metric));
        Assert.Equal(50, readings[0].Value);
        Assert.Equal(TargetUnit.PerSecond, readings[0].Unit);
        Assert.Equal((0.25 + (0.25 * 20 / 60)) * 1000, readings[1].Value, 9);
        Assert.Equal(750, readings[2].Value, 9);
        Assert.Equal((0.5 + (0.5 * 9 / 10)) * 1000, readings[3].Value, 9);
        Assert.All(readings.Skip(1), r => Assert.Equal(TargetUnit.Milliseconds, r.Unit));
    }

    [Fact]
    public void Histogram_SecondWithoutObservations_HasARateOfZeroAndNoQuantiles()
    {
        var reader = Reader("latency_seconds");
        var text = Histogram(("0.1", 5), ("+Inf", 9));
        Read(reader, text, null);

        Assert.Equal([new("latency_seconds_rate", 0, TargetUnit.PerSecond)], Read(reader, text, 1.0));
    }

    [Fact]
    public void Histogram_SeveralSeries_AreSummedOverTheBoundsTheyShare()
    {
        var reader = Reader("size_bytes");
        const string Before = """
            # TYPE size_bytes histogram
            size_bytes_bucket{path="/a",le="100"} 0
            size_bytes_bucket{path="/a",le="1000"} 0
            size_bytes_bucket{path="/a",le="+Inf"} 0
            size_bytes_bucket{path="/b",le="50"} 0
            size_bytes_bucket{path="/b",le="1000"} 0
            size_bytes_bucket{path="/b",le="+Inf"} 0
            """;
        Read(reader, Before, null);
        // /a: 4 ≤ 100, 8 ≤ 1000, 10 in all; /b: 2 ≤ 50, 6 ≤ 1000, 10 in all. Shared bounds 1000 and +Inf: 14 ≤ 1000 of 20.
        var after = Before.Replace("/a\",le=\"100\"} 0", "/a\",le=\"100\"} 4").Replace("/a\",le=\"1000\"} 0", "/a\",le=\"1000\"} 8")
            .Replace("/a\",le=\"+Inf\"} 0", "/a\",le=\"+Inf\"} 10").Replace("/b\",le=\"50\"} 0", "/b\",le=\"50\"} 2")
            .Replace("/b\",le=\"1000\"} 0", "/b\",le=\"1000\"} 6").Replace("/b\",le=\"+Inf\"} 0", "/b\",le=\"+Inf\"} 10");
        var readings = Read(reader, after, 1.0);

        Assert.Equal(20, readings.Single(r => r.Metric == "size_bytes_rate").Value);
        var p50 = readings.Single(r => r.Metric == "size_bytes_p50");
        Assert.Equal(1000 * 10.0 / 14, p50.Value, 9);
        Assert.Equal(TargetUnit.Bytes, p50.Unit);
        Assert.Equal(1000, readings.Single(r => r.Metric == "size_bytes_p99").Value);
    }

    [Fact]
    public void Histogram_Reset_TakesTheNewCountsAsTheIncrease()
    {
        var reader = Reader("latency_seconds");
        Read(reader, Histogram(("0.1", 500), ("+Inf", 900)), null);

        var readings = Read(reader, Histogram(("0.1", 2), ("+Inf", 4)), 1.0);

        Assert.Equal(4, readings.Single(r => r.Metric == "latency_seconds_rate").Value);
    }

    [Fact]
    public void Histogram_CountAndSum_AreCountersByExactName()
    {
        var reader = Reader("latency_seconds_count");
        Read(reader, Histogram(("+Inf", 9)) + "latency_seconds_count 9\nlatency_seconds_sum 1.5\n", null);

        Assert.Equal([new("latency_seconds_count", 6, TargetUnit.PerSecond)], Read(reader, Histogram(("+Inf", 15)) + "latency_seconds_count 15\nlatency_seconds_sum 2\n", 1.0));
    }

    [Fact]
    public void Summary_GivesItsOwnQuantiles_AndItsRate()
    {
        var reader = Reader("rpc_duration_seconds");
        Read(reader, Summary(0.010, 0.050, 100), null);

        var readings = Read(reader, Summary(0.012, 0.070, 130), 1.0);

        Assert.Equal(
            [new("rpc_duration_seconds_rate", 30, TargetUnit.PerSecond), new("rpc_duration_seconds_p50", 12, TargetUnit.Milliseconds), new("rpc_duration_seconds_p99.9", 70, TargetUnit.Milliseconds)],
            readings);
    }

    [Fact]
    public void Summary_SeveralSeries_IsAProblem_NotASum()
    {
        var reader = Reader("rpc_duration_seconds");
        var text = Summary(0.01, 0.05, 100) + "rpc_duration_seconds{service=\"b\",quantile=\"0.5\"} 0.02\n";

        var problem = reader.Read(Index(text), 1.0, []);

        Assert.Contains("quantiles cannot be summed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Glob_SumsMatchingFamilies_ButNotAHistogramsParts()
    {
        var reader = Reader("http_*");
        const string Text = """
            # TYPE http_a_total counter
            http_a_total @0
            # TYPE http_b_total counter
            http_b_total @1
            # TYPE other_total counter
            other_total 1000
            """;
        Read(reader, Format(Text, 1, 1), null);

        Assert.Equal([new("http_*", 7, TargetUnit.PerSecond)], Read(reader, Format(Text, 3, 6), 1.0));
        var latency = Reader("latency_*");
        Assert.Null(latency.Read(Index(Histogram(("+Inf", 1)) + "latency_seconds_count 1\n"), null, []));
    }

    [Fact]
    public void Glob_MatchingACounterAndAGauge_IsAProblem()
    {
        var problem = Reader("app_*").Read(Index("# TYPE app_hits_total counter\napp_hits_total 1\n# TYPE app_users gauge\napp_users 3\n"), 1.0, []);

        Assert.Contains("different types (app_hits_total: counter, app_users: gauge)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenMetricsCounter_IsFoundByFamilyAndTotalName_AndCreatedIsIgnored()
    {
        const string Text = """
            # TYPE jobs counter
            jobs_total{q="a"} @0
            jobs_created{q="a"} 1700000000
            # EOF
            """;
        foreach (var name in new[] { "jobs", "jobs_total" })
        {
            var reader = Reader(name);
            Read(reader, Format(Text, 10), null);
            Assert.Equal([new(name, 5, TargetUnit.PerSecond)], Read(reader, Format(Text, 15), 1.0));
        }
    }

    [Theory]
    [InlineData("untyped_total", TargetUnit.PerSecond, 2)]
    [InlineData("untyped_level", TargetUnit.Count, 12)]
    public void Untyped_IsACounterWhenNamedTotal_ElseAGauge(string name, TargetUnit unit, double expected)
    {
        var reader = Reader(name);
        Read(reader, $"{name} 10\n", null);

        Assert.Equal([new(name, expected, unit)], Read(reader, $"{name} 12\n", 1.0));
    }

    [Fact]
    public void UnknownName_IsNotFound()
    {
        var reader = Reader("nope");
        Assert.Empty(Read(reader, Format(Requests, 1, 1, 1), 1.0));
        Assert.False(reader.EverFound);
    }

    private static SelectionReader Reader(string expression, string? alias = null) => new(MetricSelection.Parse(expression, alias));

    private static ExpositionIndex Index(string text) => new(ExpositionParser.Parse(text));

    private static List<TargetReading> Read(SelectionReader reader, string text, double? seconds)
    {
        var readings = new List<TargetReading>();
        Assert.Null(reader.Read(Index(text), seconds, readings));
        return readings;
    }

    /// <summary>Puts <paramref name="values"/> in place of @0, @1 … (label braces rule out string.Format).</summary>
    private static string Format(string text, params double[] values)
    {
        for (var i = 0; i < values.Length; i++) text = text.Replace($"@{i}", values[i].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return text;
    }

    private static string Histogram(params (string Le, double Count)[] buckets) =>
        "# TYPE latency_seconds histogram\n" + string.Concat(buckets.Select(b => $"latency_seconds_bucket{{le=\"{b.Le}\"}} {b.Count}\n"));

    private static string Summary(double p50, double p999, double count) => $"""
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{"{"}service="a",quantile="0.5"{"}"} {p50}
        rpc_duration_seconds{"{"}service="a",quantile="0.999"{"}"} {p999}
        rpc_duration_seconds_sum{"{"}service="a"{"}"} 5
        rpc_duration_seconds_count{"{"}service="a"{"}"} {count}

        """;
}

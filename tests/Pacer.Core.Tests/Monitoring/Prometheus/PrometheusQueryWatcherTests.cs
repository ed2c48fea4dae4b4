using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Pacer.Core.Monitoring;
using Pacer.Core.Monitoring.Prometheus;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

public sealed class PrometheusQueryWatcherTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250);

    [Fact]
    public async Task AfterRun_AsksForTheRunsTicks_AtOneSecondSteps_AndPutsEachValueOnItsTick()
    {
        // The series' value at each evaluation is its index + 1, in seconds for the latency query.
        await using var prometheus = await FakePrometheus.StartAsync((query, times) =>
            (200, FakePrometheus.Matrix(times, i => query.StartsWith("histogram", StringComparison.Ordinal) ? $"0.0{i + 1}" : $"{i + 1}", "\"job\":\"api\"")));
        await using var watcher = Watcher(prometheus.Url, ("api_p99_seconds", "histogram_quantile(0.99, sum by (le) (rate(x_bucket[1m])))"), ("api_requests_per_second", "sum(rate(x_count[1m]))"));
        var window = new TargetWindow(Start, Start.AddSeconds(3.5), [1, 2, 3, 3.4]);

        Assert.Empty(await watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        var series = await watcher.AfterRunAsync(window, CancellationToken.None);

        var request = prometheus.Requests.First(r => r["query"].StartsWith("histogram", StringComparison.Ordinal));
        Assert.Equal("1700000001.25", request["start"]);
        Assert.Equal("1700000003.65", request["end"]);
        Assert.Equal("1", request["step"]);
        Assert.Equal(2, series.Count);
        Assert.Equal("api_p99_seconds", series[0].Metric);
        Assert.Equal(TargetUnit.Milliseconds, series[0].Unit);
        Assert.Equal([new(1, 10), new(2, 20), new(3, 30)], series[0].Points);
        Assert.Equal("api_requests_per_second", series[1].Metric);
        Assert.Equal(TargetUnit.PerSecond, series[1].Unit);
        Assert.Equal([new(1, 1), new(2, 2), new(3, 3)], series[1].Points);
        Assert.Equal(new TargetSource("prometheus", prometheus.Url.ToString()), watcher.Source);
    }

    [Fact]
    public async Task AfterRun_ErrorPayload_IsANoteNamingTheQueryAndPrometheusError_AndTheOthersAreKept()
    {
        await using var prometheus = await FakePrometheus.StartAsync((query, times) => query == "rate(" ?
            (400, """{"status":"error","errorType":"bad_data","error":"1:6: parse error: unclosed left parenthesis"}""")
            : (200, FakePrometheus.Matrix(times, i => "1", "")));
        await using var watcher = Watcher(prometheus.Url, ("broken", "rate("), ("fine", "up"));

        var series = await watcher.AfterRunAsync(Window(3), CancellationToken.None);

        Assert.Equal(["query broken: bad_data: 1:6: parse error: unclosed left parenthesis"], Notes(watcher));
        Assert.Equal("fine", Assert.Single(series).Metric);
        Assert.Equal(3, series[0].Points.Count);
    }

    [Fact]
    public async Task AfterRun_SeveralSeries_IsAnError_NotASum()
    {
        await using var prometheus = await FakePrometheus.StartAsync((_, times) => (200, FakePrometheus.Matrix(times, i => "1", "\"instance\":\"a\"", "\"instance\":\"b\"")));
        await using var watcher = Watcher(prometheus.Url, ("p99", "histogram_quantile(0.99, rate(x_bucket[1m]))"));

        Assert.Empty(await watcher.AfterRunAsync(Window(3), CancellationToken.None));

        Assert.Equal("query p99 returned 2 series ({instance=\"a\"}, {instance=\"b\"}); aggregate it to one in PromQL (sum, max, avg … by nothing)", Assert.Single(Notes(watcher)));
    }

    [Theory]
    [InlineData(200, """{"status":"success","data":{"resultType":"vector","result":[]}}""", "query q: a range query answered with a vector result, not a matrix")]
    [InlineData(502, "<html>bad gateway</html>", "query q: HTTP 502 Bad Gateway")]
    [InlineData(200, "<html>login</html>", "query q: the answer is not JSON (is the URL a Prometheus server?)")]
    [InlineData(503, """{"status":"error","errorType":"unavailable","error":"too many queries"}""", "query q: unavailable: too many queries")]
    [InlineData(200, """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1700000001.25,12]]}]}}""", "query q: a value is not [time, \"number\"]: [1700000001.25,12]")]
    public async Task AfterRun_BadAnswers_AreSourceErrors(int status, string body, string message)
    {
        await using var prometheus = await FakePrometheus.StartAsync((_, _) => (status, body));
        await using var watcher = Watcher(prometheus.Url, ("q", "up"));

        Assert.Empty(await watcher.AfterRunAsync(Window(3), CancellationToken.None));

        Assert.Equal([message], Notes(watcher));
    }

    [Fact]
    public async Task AfterRun_NoSeries_OrNaN_GivesNoPoints_WithoutAnError()
    {
        await using var prometheus = await FakePrometheus.StartAsync((query, times) => query == "absent"
            ? (200, """{"status":"success","data":{"resultType":"matrix","result":[]}}""")
            : (200, FakePrometheus.Matrix(times, i => i == 1 ? "NaN" : "0.5", "")));
        await using var watcher = Watcher(prometheus.Url, ("errors", "absent"), ("error_ratio", "present"));

        var series = await watcher.AfterRunAsync(Window(3), CancellationToken.None);

        Assert.Empty(Notes(watcher));
        Assert.Empty(series[0].Points);
        Assert.Equal([new(1, 0.5), new(3, 0.5)], series[1].Points);
        Assert.Equal(TargetUnit.Ratio, series[1].Unit);
    }

    [Fact]
    public async Task AfterRun_LongRun_IsAskedForInParts_PrometheusAcceptsAtMost11000PointsASeries()
    {
        await using var prometheus = await FakePrometheus.StartAsync((_, times) => (200, FakePrometheus.Matrix(times, i => "1", "")));
        await using var watcher = Watcher(prometheus.Url, ("up", "up"));

        var series = await watcher.AfterRunAsync(Window(25_000), CancellationToken.None);

        var ranges = prometheus.Requests.Select(r => (double.Parse(r["start"], CultureInfo.InvariantCulture), double.Parse(r["end"], CultureInfo.InvariantCulture))).Order().ToList();
        Assert.Equal(3, ranges.Count);
        Assert.All(ranges, r => Assert.True(r.Item2 - r.Item1 < 11_000));
        Assert.Equal(25_000, series[0].Points.Count);
        Assert.Equal(Enumerable.Range(1, 25_000).Select(t => (double)t), series[0].Points.Select(p => p.T));
    }

    [Fact]
    public async Task AfterRun_ServerDown_IsAnError()
    {
        var url = DeadPort.Url();
        await using var watcher = Watcher(url, ("up", "up"));

        Assert.Empty(await watcher.AfterRunAsync(Window(2), CancellationToken.None));

        Assert.Equal([$"connection refused ({url}api/v1/query_range)"], Notes(watcher));
    }

    [Theory]
    [InlineData("api p99", "up", "the query name 'api p99' is not a metric name")]
    [InlineData("p99", " ", "the query p99 is empty")]
    public void Constructor_RefusesBadQueries(string name, string query, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new PrometheusQueryWatcher(new Uri("http://127.0.0.1:9090"), [new(name, query)]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alignment_PutsEachSampleOnTheNearestTickWithinHalfASecond()
    {
        var start = Start.ToUnixTimeMilliseconds() / 1000.0;
        (double, double)[] samples = [(start + 0.7, 1), (start + 1.2, 2), (start + 1.9, 3), (start + 2.05, 4), (start + 4.6, 5), (start - 3, 6)];

        var points = TickAlignment.Align(samples, Start, [1, 2, 3, 4]);

        // 0.7 and 1.2 both fall on tick 1 and 1.2 is nearer (0.2 against 0.3); 1.9 and 2.05 on tick 2, 2.05 nearer; 4.6 is
        // more than half a second from tick 4, and a sample before the start is near no tick.
        Assert.Equal([new(1, 2), new(2, 4)], points);
    }

    private static IReadOnlyList<string> Notes(ITargetWatcher watcher) => ((ITargetWatcherNotes)watcher).TakeNotes();

    private static TargetWindow Window(int seconds) =>
        new(Start, Start.AddSeconds(seconds), [.. Enumerable.Range(1, seconds).Select(t => (double)t)]);

    private static PrometheusQueryWatcher Watcher(Uri url, params (string Name, string Query)[] queries) =>
        new(url, [.. queries.Select(q => new KeyValuePair<string, string>(q.Name, q.Query))], new FakeTimeProvider(), TimeSpan.FromSeconds(30), MetricsEndpointWatcher.DefaultMaxBytes, handler: null);
}

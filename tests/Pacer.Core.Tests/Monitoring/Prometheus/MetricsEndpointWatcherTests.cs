using Microsoft.Extensions.Time.Testing;
using Pacer.Core.Monitoring;
using Pacer.Core.Monitoring.Prometheus;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

public sealed class MetricsEndpointWatcherTests
{
    private static readonly TargetWindow NoWindow = new(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []);

    [Fact]
    public async Task Watcher_CounterGrowingByAKnownAmountPerScrape_ReadsItsRate_OverTheTimeItMeasured()
    {
        // Every scrape finds 50 more requests and 10 more bytes of memory.
        await using var server = await ExpositionServer.StartAsync(n => $"""
            # HELP app_requests_total Requests served.
            # TYPE app_requests_total counter
            app_requests_total{"{"}code="200"{"}"} {n * 50}
            # TYPE app_memory_bytes gauge
            app_memory_bytes {1000 + (n * 10)}

            """);
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var watcher = Watcher(server.Url, ["app_requests_total", "app_memory_bytes"], time);

        await watcher.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var first = await watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        // A second the engine skipped: the next rate spans both.
        time.Advance(TimeSpan.FromSeconds(2));
        var second = await watcher.SampleAsync(TimeSpan.FromSeconds(3), CancellationToken.None);

        Assert.Equal([new("app_requests_total", 50, TargetUnit.PerSecond), new("app_memory_bytes", 1020, TargetUnit.Bytes)], first);
        Assert.Equal([new("app_requests_total", 25, TargetUnit.PerSecond), new("app_memory_bytes", 1030, TargetUnit.Bytes)], second);
        Assert.Equal(3, server.Scrapes);
        Assert.Equal(new TargetSource("metrics", server.Url.ToString()), watcher.Source);
        Assert.Empty(await watcher.AfterRunAsync(NoWindow, CancellationToken.None));
    }

    [Fact]
    public async Task Watcher_FailedScrape_IsThatSecondsError_AndTheNextRateSpansTheGap()
    {
        await using var server = await ExpositionServer.StartAsync(n => n == 2 ? (503, "busy") : (200, $"# TYPE jobs_total counter\njobs_total {n * 10}\n"));
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var watcher = Watcher(server.Url, ["jobs_total"], time);

        await watcher.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<ScrapeException>(async () => await watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        var readings = await watcher.SampleAsync(TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal($"HTTP 503 Service Unavailable from {server.Url}", error.Message);
        Assert.Equal([new("jobs_total", 10, TargetUnit.PerSecond)], readings); // (30 − 10) over 2 s
    }

    [Fact]
    public async Task Watcher_MalformedExposition_IsAnErrorNamingTheLine()
    {
        await using var server = await ExpositionServer.StartAsync(n => n == 1 ? "jobs_total 1\n" : "jobs_total 1\n\njobs_total{code=\"5} 2\n");
        await using var watcher = Watcher(server.Url, ["jobs_total"], new FakeTimeProvider());
        await watcher.StartAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<ScrapeException>(async () => await watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal($"the exposition at {server.Url} is not valid text format: line 3: the value of label code of jobs_total is not closed with '\"'", error.Message);
    }

    [Fact]
    public async Task Watcher_RefusedConnection_FailsTheStart()
    {
        var url = new Uri(DeadPort.Url(), "metrics");
        await using var watcher = Watcher(url, ["jobs_total"], new FakeTimeProvider());

        var error = await Assert.ThrowsAsync<ScrapeException>(async () => await watcher.StartAsync(CancellationToken.None));

        Assert.Equal($"connection refused ({url})", error.Message);
    }

    [Fact]
    public async Task Watcher_SlowAnswer_TimesOutOnItsOwnClock_TheFirstScrapeGivenLonger()
    {
        var release = new TaskCompletionSource();
        await using var server = await ExpositionServer.StartAsync(_ => (200, "jobs_total 1\n"), release.Task);
        var time = new FakeTimeProvider();
        await using var watcher = Watcher(server.Url, ["jobs_total"], time);

        var start = watcher.StartAsync(CancellationToken.None).AsTask();
        await server.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(start.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(4));
        var error = await Assert.ThrowsAsync<ScrapeException>(() => start.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal($"no answer from {server.Url} within 5000 ms", error.Message);

        var sample = watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None).AsTask();
        await WaitForAsync(() => server.Scrapes == 2);
        time.Advance(TimeSpan.FromMilliseconds(800));
        error = await Assert.ThrowsAsync<ScrapeException>(() => sample.WaitAsync(TimeSpan.FromSeconds(10)));
        release.SetResult();

        Assert.Equal($"no answer from {server.Url} within 800 ms", error.Message);
    }

    [Fact]
    public async Task Watcher_AnswerLargerThanTheCap_IsAnError_NotReadWhole()
    {
        var big = "# " + new string('x', 5000) + "\njobs_total 1\n";
        await using var server = await ExpositionServer.StartAsync(_ => big);
        await using var watcher = new MetricsEndpointWatcher(server.Url, [MetricSelection.Parse("jobs_total")], new FakeTimeProvider(), TimeSpan.FromSeconds(5), maxBytes: 1024, handler: null);

        var error = await Assert.ThrowsAsync<ScrapeException>(async () => await watcher.StartAsync(CancellationToken.None));

        Assert.Equal($"the answer from {server.Url} is larger than 1024 bytes, the most a watcher reads", error.Message);
    }

    [Fact]
    public async Task Watcher_MetricNeverExposed_IsReportedOnceAfterTheRun()
    {
        await using var server = await ExpositionServer.StartAsync(_ => "jobs_total 1\n");
        var time = new FakeTimeProvider();
        await using var watcher = Watcher(server.Url, ["jobs_total", "queue_length", "http_*"], time);
        await watcher.StartAsync(CancellationToken.None);
        for (var second = 1; second <= 3; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(["jobs_total"], (await watcher.SampleAsync(TimeSpan.FromSeconds(second), CancellationToken.None)).Select(r => r.Metric));
        }

        Assert.Empty(Notes(watcher));
        Assert.Empty(await watcher.AfterRunAsync(NoWindow, CancellationToken.None));

        Assert.Equal(["metrics queue_length, http_* not found in the exposition"], Notes(watcher));
        Assert.Empty(Notes(watcher));
    }

    [Fact]
    public async Task Watcher_WithoutSelect_ReadsTheProcessMetrics_AndSaysSoWhenThereAreNone()
    {
        await using var server = await ExpositionServer.StartAsync(n => $"""
            # TYPE process_cpu_seconds_total counter
            process_cpu_seconds_total {n * 0.5}
            # TYPE process_resident_memory_bytes gauge
            process_resident_memory_bytes 2e+07

            """);
        var time = new FakeTimeProvider();
        await using var watcher = new MetricsEndpointWatcher(server.Url, null, time, TimeSpan.FromSeconds(5), MetricsEndpointWatcher.DefaultMaxBytes, null);
        await watcher.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        var readings = await watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal([new("process_cpu_seconds_total", 0.5, TargetUnit.Cores), new("process_resident_memory_bytes", 2e7, TargetUnit.Bytes)], readings);
        // process_open_fds is not there, and that is not an error for a default.
        Assert.Empty(await watcher.AfterRunAsync(NoWindow, CancellationToken.None));
        Assert.Empty(Notes(watcher));

        await using var bare = await ExpositionServer.StartAsync(_ => "jobs_total 1\n");
        await using var none = new MetricsEndpointWatcher(bare.Url, [], time, TimeSpan.FromSeconds(5), MetricsEndpointWatcher.DefaultMaxBytes, null);
        await none.StartAsync(CancellationToken.None);
        await none.AfterRunAsync(NoWindow, CancellationToken.None);
        Assert.StartsWith("none of the default metrics (process_cpu_seconds_total, process_resident_memory_bytes, process_open_fds) found", Assert.Single(Notes(none)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watcher_SelectionThatCannotBeRead_IsNotedOnce_AndTheOthersStillRead()
    {
        await using var server = await ExpositionServer.StartAsync(_ => "# TYPE app_hits_total counter\napp_hits_total 1\n# TYPE app_users gauge\napp_users 3\n");
        var time = new FakeTimeProvider();
        await using var watcher = Watcher(server.Url, ["app_*", "app_users"], time);
        await watcher.StartAsync(CancellationToken.None);
        Assert.StartsWith("select 'app_*' matches metrics of different types", Assert.Single(Notes(watcher)), StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([new("app_users", 3, TargetUnit.Count)], await watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Empty(Notes(watcher));
    }

    [Fact]
    public void Constructor_RefusesDuplicateNamesAndNonHttpUrls()
    {
        var duplicate = Assert.Throws<ArgumentException>(() => new MetricsEndpointWatcher(new Uri("http://127.0.0.1:1/metrics"), [MetricSelection.Parse("a{x=\"1\"}"), MetricSelection.Parse("a{x=\"2\"}")]));
        var scheme = Assert.Throws<ArgumentException>(() => new MetricsEndpointWatcher(new Uri("file:///tmp/metrics")));

        Assert.StartsWith("two metrics selections read as 'a'", duplicate.Message, StringComparison.Ordinal);
        Assert.StartsWith("the metrics endpoint 'file:///tmp/metrics' must be an http:// or https:// URL", scheme.Message, StringComparison.Ordinal);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, for at most 10 s.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(5);
        }
    }

    private static IReadOnlyList<string> Notes(ITargetWatcher watcher) => ((ITargetWatcherNotes)watcher).TakeNotes();

    private static MetricsEndpointWatcher Watcher(Uri url, string[] select, TimeProvider time) =>
        new(url, [.. select.Select(s => MetricSelection.Parse(s))], time, MetricsEndpointWatcher.DefaultTimeout, MetricsEndpointWatcher.DefaultMaxBytes, handler: null);
}

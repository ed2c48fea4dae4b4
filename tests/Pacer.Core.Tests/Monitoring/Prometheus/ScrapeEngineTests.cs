using System.Globalization;
using Microsoft.AspNetCore.Http;
using Pacer.Core.Engine;
using Pacer.Core.Monitoring;
using Pacer.Core.Monitoring.Prometheus;
using Pacer.Core.Results;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

/// <summary>
/// The scraping watchers through the public engine: a test service counts the load's requests and exposes the count, and a
/// fake Prometheus answers with each evaluation's own second; both land in the result's target section on the series' seconds.
/// Timing-sensitive: a scrape slower than its 800 ms on a crowded machine is a source error, which the first test rules out.
/// </summary>
[Collection(nameof(TimingSensitive))]
public sealed class ScrapeEngineTests
{
    [Fact]
    public async Task RunAsync_ScrapedEndpoint_GivesTheRequestRateAndCount_OnTheSeriesSeconds()
    {
        var served = 0;
        await using var service = await TestHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path != "/metrics")
            {
                Interlocked.Increment(ref served);
                await context.Response.WriteAsync("ok");
                return;
            }

            var count = Volatile.Read(ref served);
            await context.Response.WriteAsync($"""
                # HELP app_requests_total Requests served.
                # TYPE app_requests_total counter
                app_requests_total{"{"}code="200"{"}"} {count}
                # TYPE app_requests_seen gauge
                app_requests_seen {count}

                """);
        });
        var plan = TestPlans.Open(service.BaseAddress, rate: 50, seconds: 3);
        var watcher = new MetricsEndpointWatcher(new Uri(service.BaseAddress, "metrics"), [MetricSelection.Parse("app_requests_total{code=\"200\"}"), MetricSelection.Parse("app_requests_seen")]);

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Watchers = [watcher] }, CancellationToken.None);

        var target = Assert.IsType<TargetResult>(run.Result.Target);
        var source = Assert.Single(target.Sources);
        Assert.Equal(("metrics", new Uri(service.BaseAddress, "metrics").ToString()), (source.Kind, source.Address));
        Assert.True(source.Errors.Count == 0, string.Join("; ", source.Errors));
        var seconds = run.Result.Series.Select(s => s.T).ToList();
        var rate = target.Metrics.Single(m => m.Name == "app_requests_total");
        var seen = target.Metrics.Single(m => m.Name == "app_requests_seen");
        Assert.Equal(("metrics", "per_second", "count"), (rate.Source, rate.Unit, seen.Unit));
        Assert.Equal(seconds, rate.Series.Select(p => p.T));
        Assert.Equal(seconds, seen.Series.Select(p => p.T));
        // The last scrape is taken after the load has ended: it has seen every request the service served.
        Assert.Equal(Volatile.Read(ref served), seen.Last);
        Assert.True(seen.Last >= run.Result.Metrics["http_reqs"].Count, $"{seen.Last} served, {run.Result.Metrics["http_reqs"].Count} sent");
        Assert.All(rate.Series.SkipLast(1), p => Assert.True(p.V > 0, $"no requests counted in second {p.T}"));
        // The rate spends the whole count: at 50/s its mean over the full seconds is 50 give or take a scrape's timing.
        Assert.InRange(rate.Series.SkipLast(1).Average(p => p.V), 30, 70);
    }

    [Fact]
    public async Task RunAsync_PrometheusQueries_AreAskedAfterTheRun_AndLandOnTheSeriesSeconds()
    {
        await using var service = await TestHttpServer.StartOkAsync();
        // Each evaluation answers with its own Unix time, so a point's value minus the run's start must be its T.
        await using var prometheus = await FakePrometheus.StartAsync((_, times) =>
            (200, FakePrometheus.Matrix(times, i => times[i].ToString("0.###", CultureInfo.InvariantCulture), "\"job\":\"api\"")));
        var plan = TestPlans.Open(service.BaseAddress, rate: 20, seconds: 3);
        var watcher = new PrometheusQueryWatcher(prometheus.Url, [new("evaluated_at", "time()")]);

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Watchers = [watcher] }, CancellationToken.None);

        var target = Assert.IsType<TargetResult>(run.Result.Target);
        var metric = Assert.Single(target.Metrics);
        Assert.Equal(("evaluated_at", "prometheus", "count"), (metric.Name, metric.Source, metric.Unit));
        var start = run.Result.StartedUtc.ToUnixTimeMilliseconds() / 1000.0;
        // Asked at the run's start plus the first tick, then one step apart: every tick but a partial last one has a point,
        // evaluated within half a second of it (to the millisecond when the ticks kept time).
        var ticks = run.Result.Series.Select(s => s.T).ToList();
        Assert.Subset(ticks.ToHashSet(), metric.Series.Select(p => p.T).ToHashSet());
        Assert.InRange(metric.Series.Count, ticks.Count - 1, ticks.Count);
        Assert.All(metric.Series, p => Assert.InRange(p.V - start - p.T, -0.5, 0.5));
        Assert.Equal(ticks[0], metric.Series[0].V - start, 3);
        Assert.Empty(Assert.Single(target.Sources).Errors);
    }
}

using Pacer.Core.Results;

namespace Pacer.Reports.Tests.Html;

/// <summary>
/// The fixture run stretched to 30 seconds with its target watched by pid: p99 3 ms until second 13, then 41 ms, as the
/// target's CPU goes from 0.8 to 1.96 of its 2 cores at second 14 — the CPU-bound finding and the charts that show it.
/// </summary>
internal static class WatchedRun
{
    public static RunResult CpuBound()
    {
        var run = RunFixture.Load();
        var first = run.Series[0];
        var series = Enumerable.Range(1, 30)
            .Select(t => first with { T = t, Requests = 100, Errors = 0, P50 = t < 14 ? 1 : 20, P95 = t < 14 ? 2 : 35, P99 = t < 14 ? 3 : 41, Max = t < 14 ? 4 : 50 })
            .ToList();
        return run with
        {
            Series = series,
            Target = new TargetResult(
                [new TargetSourceResult("pid", "4242", 30, ["1× could not read /proc/4242/io: permission denied"]) { Notes = ["process 4242 is in Pacer's own network namespace"] }],
                [
                    Metric("target_cpu", "cores", series, t => t < 14 ? 0.8 : 1.96, limit: 2),
                    Metric("target_cpu_user", "cores", series, t => t < 14 ? 0.6 : 1.5),
                    Metric("target_memory", "bytes", series, t => 180e6 + (t % 3 * 1e6), limit: 16e9),
                    Metric("target_threads", "count", series, _ => 24),
                    Metric("target_ctx_voluntary", "per_second", series, t => 1000 + t),
                ]),
        };
    }

    private static TargetMetricResult Metric(string name, string unit, List<IntervalResult> series, Func<double, double> value, double? limit = null)
    {
        var points = series.Select(i => new TargetPointResult(i.T, value(i.T))).ToList();
        var values = points.Select(p => p.V).Order().ToList();
        return new TargetMetricResult(name, "pid", unit, values.Average(), values[(int)Math.Ceiling(0.95 * values.Count) - 1], values[^1], points)
        {
            Limit = limit,
            Min = values[0],
            Last = points[^1].V,
        };
    }
}

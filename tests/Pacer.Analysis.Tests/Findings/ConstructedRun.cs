using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Findings;

/// <summary>Runs built second by second, so each findings rule is tested on exactly the shape it must (or must not) recognise.</summary>
internal static class ConstructedRun
{
    /// <summary>
    /// A healthy open-model run of <paramref name="seconds"/> seconds at 100 requests/s: p99 3 ms, no errors, queue time small,
    /// the generator kept up, nothing watched.
    /// </summary>
    public static RunResult Healthy(int seconds = 30, string model = "open") => new()
    {
        RunId = "0123456789abcdef0123456789abcdef",
        StartedUtc = DateTimeOffset.UnixEpoch,
        EndedUtc = DateTimeOffset.UnixEpoch.AddSeconds(seconds),
        DurationSeconds = seconds,
        Passed = true,
        Plan = new PlanInfo("constructed", "plan.yaml", "digest", "yaml", "http://127.0.0.1:1/", model, seconds, []),
        Environment = new EnvironmentInfo("test", "linux", "10.0", 2, "0.0.0", "lean"),
        Metrics = new Dictionary<string, MetricResult>
        {
            ["http_req_queue_time"] = new() { Type = "trend", Count = 100L * seconds, P99 = 0.2 },
            ["http_req_service_time"] = new() { Type = "trend", Count = 100L * seconds, P99 = 2.9 },
        },
        Requests = [],
        Statuses = [],
        Errors = [],
        Series = [.. Enumerable.Range(1, seconds).Select(t => new IntervalResult(t, 100, 0, 0, 1, 100, 1, 2, 3, 4, 1000, 1000))],
        Thresholds = [],
        Generator = new GeneratorInfo(0.1, 0.5, 1, 0.1, 0.2, 0, 2, false) { SaturatedBy = [] },
        Warnings = [],
    };

    /// <summary>The run with each second's p99 (and p95, max) replaced by <paramref name="p99"/> of its T.</summary>
    public static RunResult WithP99(this RunResult run, Func<double, double> p99) =>
        run with { Series = [.. run.Series.Select(i => i with { P95 = Math.Min(i.P95, p99(i.T)), P99 = p99(i.T), Max = Math.Max(i.Max, p99(i.T)) })] };

    /// <summary>The run with watched metrics added (by a source of <paramref name="kind"/>), each a function of the second's T.</summary>
    public static RunResult Watched(this RunResult run, string kind, params TargetMetricResult[] metrics)
    {
        var sources = (run.Target?.Sources ?? []).Append(new TargetSourceResult(kind, "1234", run.Series.Count, [])).ToList();
        return run with { Target = new TargetResult(sources, [.. run.Target?.Metrics ?? [], .. metrics]) };
    }

    /// <summary>A watched metric with one point per second of the run, its value <paramref name="value"/> of T.</summary>
    public static TargetMetricResult Metric(RunResult run, string name, string source, string unit, Func<double, double> value, double? limit = null)
    {
        var points = run.Series.Select(i => new TargetPointResult(i.T, value(i.T))).ToList();
        var values = points.Select(p => p.V).ToList();
        return new TargetMetricResult(name, source, unit, values.Average(), values.Order().ElementAt((int)Math.Ceiling(0.95 * values.Count) - 1), values.Max(), points)
        {
            Limit = limit,
            Min = values.Min(),
            Last = values[^1],
        };
    }
}

using Pacer.Core.Plans.Tuning;
using Pacer.Core.Results;

namespace Pacer.Cli.Tuning;

/// <summary>The objective read from a run's result, and what it is: unit, direction, name.</summary>
internal static class ObjectiveReading
{
    public static string Name(TuneObjective objective) => objective switch
    {
        TuneObjective.Throughput => "throughput",
        TuneObjective.Capacity => "capacity",
        TuneObjective.P99 => "p99",
        _ => "cpu_per_request",
    };

    public static string Unit(TuneObjective objective) => objective switch
    {
        TuneObjective.Throughput or TuneObjective.Capacity => "req/s",
        TuneObjective.P99 => "ms",
        _ => "ms CPU/req",
    };

    public static bool HigherIsBetter(TuneObjective objective) => objective is TuneObjective.Throughput or TuneObjective.Capacity;

    /// <summary>Requests a second over the load phase.</summary>
    public static double? Rps(RunResult result)
    {
        var requests = result.Metrics.GetValueOrDefault("http_reqs")?.Count ?? result.Requests.Sum(r => r.Requests);
        var seconds = result.LoadSeconds is > 0 and var load ? load : result.DurationSeconds;
        return seconds > 0 ? requests / seconds : null;
    }

    public static double? P99(RunResult result) => result.Metrics.GetValueOrDefault("http_req_duration")?.P99;

    /// <summary>
    /// The service's CPU time per request in ms: its mean CPU (cores, from the watcher of the service Pacer started) times the
    /// load's seconds over the requests. Null when the service was not watched or nothing was sent.
    /// </summary>
    public static double? CpuMsPerRequest(RunResult result)
    {
        var cpu = result.Target?.Metrics.FirstOrDefault(m => m.Name == "target_cpu");
        var requests = result.Metrics.GetValueOrDefault("http_reqs")?.Count ?? result.Requests.Sum(r => r.Requests);
        var seconds = result.LoadSeconds is > 0 and var load ? load : result.DurationSeconds;
        return cpu is null || requests <= 0 ? null : cpu.Mean * seconds * 1000 / requests;
    }

    /// <summary>The failed thresholds and SLO targets, as "metric expression" lines.</summary>
    public static IReadOnlyList<string> Breaches(RunResult result) =>
        [.. result.Thresholds.Where(t => !t.Passed).Select(t => $"{t.Metric} {t.Expression}")];

    /// <summary>A plan run's measurement for <paramref name="objective"/> (not capacity, which is a search of its own).</summary>
    public static TrialMeasurement Of(TuneObjective objective, RunResult result)
    {
        var rps = Rps(result);
        var p99 = P99(result);
        var cpu = CpuMsPerRequest(result);
        var value = objective switch
        {
            TuneObjective.Throughput => rps,
            TuneObjective.P99 => p99,
            _ => cpu,
        };
        var breaches = Breaches(result);
        return new TrialMeasurement(value, result.Passed && value is not null)
        {
            Breaches = breaches,
            Rps = rps,
            P99 = p99,
            CpuMsPerRequest = cpu,
            Result = result,
            Problem = value is null
                ? objective == TuneObjective.CpuPerRequest ? "no CPU reading of the service" : "nothing was measured"
                : result.Aborted && result.AbortReason is { } reason ? reason : null,
        };
    }
}

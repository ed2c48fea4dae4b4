using System.Globalization;
using Pacer.Core.Results;

namespace Pacer.Analysis.Capacity;

/// <summary>
/// Turns the result of one constant-load run into a <see cref="CapacityStep"/>: its figures, and every way it missed the targets
/// (the plan's thresholds and SLO objectives as the run judged them on that step's own window, plus <see cref="CapacityCriteria"/>).
/// </summary>
public static class StepJudge
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The step's summary; <paramref name="open"/> says the level is an arrival rate (so the completed rate must keep up with it).</summary>
    public static CapacityStep Summarize(RunResult result, double level, bool open, CapacityCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(criteria);
        var seconds = result.LoadSeconds ?? result.DurationSeconds;
        var latency = Metric(result, "http_req_duration") ?? Metric(result, "iteration_duration");
        var requests = Metric(result, "http_reqs")?.Count ?? latency?.Count ?? 0;
        var errors = Metric(result, "http_req_failed")?.Passes ?? 0;
        var dropped = Metric(result, "dropped_iterations")?.Count ?? 0;
        var achieved = Achieved(result, seconds, requests);
        var breaches = new List<string>();

        foreach (var threshold in result.Thresholds.Where(t => !t.Passed))
        {
            var actual = threshold.Actual is { } value ? $" (was {value.ToString("0.###", Invariant)})" : threshold.Note is { } note ? $" ({note})" : "";
            breaches.Add($"{threshold.Metric} {threshold.Expression}{actual}");
        }

        foreach (var slo in result.Slo?.Where(s => !s.Passed) ?? [])
        {
            breaches.Add($"slo {slo.Name}: {slo.BudgetConsumed.ToString("0", Invariant)}% of its error budget");
        }

        if (result.NotPassedReason is { } reason)
        {
            breaches.Add(reason);
        }

        var errorsJudged = result.Thresholds.Any(t => t.Metric.StartsWith("http_req_failed", StringComparison.Ordinal)) || result.Slo?.Any(s => s.Metric == "http_req_failed") == true;
        if (!errorsJudged && requests > 0 && (double)errors / requests > criteria.MaxErrorRate)
        {
            breaches.Add($"errors {((double)errors / requests).ToString("0.##%", Invariant)} > {criteria.MaxErrorRate.ToString("0.##%", Invariant)}");
        }

        var offered = open ? level * seconds : 0;
        if (open && offered > 0 && dropped / offered > criteria.MaxDropped)
        {
            breaches.Add($"dropped {(dropped / offered).ToString("0.##%", Invariant)} of the arrivals (> {criteria.MaxDropped.ToString("0.##%", Invariant)})");
        }

        if (open && achieved < level * criteria.MinAchieved)
        {
            breaches.Add($"completed {achieved.ToString("0.#", Invariant)}/s of {level.ToString("0.#", Invariant)}/s offered (< {criteria.MinAchieved.ToString("0%", Invariant)})");
        }

        var cpu = Target(result, "target_cpu");
        if (criteria.MaxTargetCpu is { } maxCpu && cpu is { Limit: > 0 } && cpu.Mean / cpu.Limit.Value > maxCpu)
        {
            breaches.Add($"target CPU {(cpu.Mean / cpu.Limit.Value).ToString("0%", Invariant)} of {cpu.Limit.Value.ToString("0.##", Invariant)} cores (> {maxCpu.ToString("0%", Invariant)})");
        }

        // Saturation is not a miss in itself: latency counts from the intended start, so a step that met its targets despite a
        // late generator met them for real. A step that missed while the generator's lag was a large part of its latency may
        // have missed because of Pacer: the search stops there and says so (CapacityOutcome.GeneratorLimited). A service far
        // behind (p95 seconds against a lag of tens of ms) missed on its own, whatever the generator's state.
        var generatorLimited = result.Generator is { Saturated: true } generator && generator.LagP99 >= 0.5 * (latency?.P95 ?? 0);

        return new CapacityStep(level, achieved, latency?.P50 ?? 0, latency?.P95 ?? 0, latency?.P99 ?? 0, latency?.Mean ?? 0, requests, errors, breaches)
        {
            Seconds = seconds,
            Dropped = dropped,
            GeneratorLimited = generatorLimited,
            TargetCpu = cpu?.Mean,
            TargetCpuLimit = cpu?.Limit,
            TargetMemory = Target(result, "target_memory")?.Max,
        };
    }

    /// <summary>
    /// Requests completed per second during the load period, from the per-second series: the drain after it (requests in flight
    /// finishing during the graceful stop) would otherwise count as throughput an overloaded service never delivered. The first
    /// second (connections opening) is left out when there are at least three; a shorter step (a tuning trial's) counts from
    /// time zero, still without the drain. Only a step with no series at all falls back to every request over the load's seconds.
    /// </summary>
    private static double Achieved(RunResult result, double seconds, long requests)
    {
        var window = result.Series.Where(i => i.T <= seconds + 0.05).ToList();
        if (window.Count >= 3)
        {
            var first = window[0].T;
            window = window.Skip(1).ToList();
            var span = window[^1].T - first;
            return span > 0 ? window.Sum(i => i.Requests) / span : 0;
        }

        if (window.Count > 0 && window[^1].T > 0)
        {
            return window.Sum(i => i.Requests) / window[^1].T;
        }

        return seconds > 0 ? requests / seconds : 0;
    }

    private static MetricResult? Metric(RunResult result, string name) => result.Metrics.TryGetValue(name, out var metric) ? metric : null;

    private static TargetMetricResult? Target(RunResult result, string name) => result.Target?.Metrics.FirstOrDefault(m => m.Name == name);
}

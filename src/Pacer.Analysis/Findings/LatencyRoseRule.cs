using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>
/// Latency rose while the target's CPU stayed low. Over the seconds that completed requests (at least <see cref="MinSeconds"/>),
/// the median per-second p99 of the last third is at least <see cref="MinRise"/> times that of the first third and at least
/// <see cref="MinRiseMs"/> above it; and the target's <c>target_cpu</c> over those last seconds averaged at most
/// <see cref="LowCpuShare"/> of its limit (or the target was not watched, and the sentence does not claim the CPU). Which side
/// to look at comes from the run's totals, the only place queue and service time are kept (the per-second series have latency
/// only): a queue time p99 above the service time p99 means requests waited to be sent (a pool limit); otherwise the service
/// took the time itself (a lock, or a call it waits on). Not run when the generator was saturated: then the latency may be Pacer's.
/// </summary>
internal sealed class LatencyRoseRule : IFindingRule
{
    public const int Rank = 30;

    /// <summary>Fewer seconds than this have no first and last third worth comparing.</summary>
    public const int MinSeconds = 6;

    /// <summary>The late p99 must be at least this many times the early one.</summary>
    public const double MinRise = 2;

    /// <summary>And at least this much above it: microsecond p99s that double are not a finding.</summary>
    public const double MinRiseMs = 5;

    /// <summary>CPU at or below this share of the limit is low: half the CPU idle cannot be what held requests back.</summary>
    public const double LowCpuShare = 0.5;

    public bool NeedsTarget => false;

    public Finding? Evaluate(RunResult result)
    {
        var seconds = RunSeconds.WithRequests(result);
        if (result.Generator is { Saturated: true } || seconds.Count < MinSeconds)
        {
            return null;
        }

        var third = seconds.Count / 3;
        var early = seconds.Take(third).ToList();
        var late = seconds.Skip(seconds.Count - third).ToList();
        var p99Early = RunSeconds.Median(early.Select(i => i.P99));
        var p99Late = RunSeconds.Median(late.Select(i => i.P99));
        if (!(p99Late >= MinRise * p99Early && p99Late - p99Early >= MinRiseMs))
        {
            return null;
        }

        var evidence = new List<FindingEvidence>
        {
            new("p99_early", p99Early, FindingUnit.Milliseconds) { From = early[0].T, To = early[^1].T },
            new("p99_late", p99Late, FindingUnit.Milliseconds) { From = late[0].T, To = late[^1].T },
        };
        var headline = "p99 rose from {p99_early} to {p99_late}";
        if (RunSeconds.Target(result, "target_cpu") is { } cpu)
        {
            var (from, to) = (late[0].T - 1e-6, late[^1].T + 1e-6);
            var lateCpu = cpu.Series.Where(p => p.T >= from && p.T <= to).Select(p => p.V).ToList();
            if (cpu.Limit is not > 0 || lateCpu.Count == 0 || lateCpu.Average() > LowCpuShare * cpu.Limit.Value)
            {
                // A busy or unmeasured CPU is not "low": the CPU-bound rule speaks for the busy case.
                return null;
            }

            evidence.Add(new FindingEvidence("cpu", lateCpu.Average() / cpu.Limit.Value, FindingUnit.Ratio) { From = late[0].T, To = late[^1].T });
            headline += " while the target's CPU stayed at {cpu} of its limit";
        }

        headline += ": look for a lock, a pool limit or a downstream call";
        if (result.Metrics.TryGetValue("http_req_queue_time", out var queue) && queue is { Count: > 0, P99: { } queueP99 }
            && result.Metrics.TryGetValue("http_req_service_time", out var service) && service is { Count: > 0, P99: { } serviceP99 })
        {
            evidence.Add(new FindingEvidence("queue_p99", queueP99, FindingUnit.Milliseconds));
            evidence.Add(new FindingEvidence("service_p99", serviceP99, FindingUnit.Milliseconds));
            headline += queueP99 > serviceP99
                ? "; requests waited to be sent (queue time p99 {queue_p99} against service time p99 {service_p99}): a pool limit — too few connections or users for the rate, or a service slow to accept"
                : "; the service itself took the time (service time p99 {service_p99} against queue time p99 {queue_p99}): a lock or a call it waits on, inside the service";
        }

        return new Finding(FindingKind.LatencyRose, Rank, "latency rose", headline, evidence);
    }
}

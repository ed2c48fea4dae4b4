using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>
/// CPU-bound: the target's <c>target_cpu</c> stayed at or above <see cref="BusyShare"/> of its limit (the cores it may run
/// on, or its cgroup quota) for its longest stretch of consecutive seconds, and that stretch lasted at least
/// <see cref="MinSeconds"/> seconds and <see cref="MinShare"/> of the watched seconds of the load period (the drain after it,
/// with no new arrivals, does not dilute it). The latency of the same seconds (the
/// median of their per-second p99) is set against the seconds before the stretch.
/// </summary>
internal sealed class CpuBoundRule : IFindingRule
{
    public const int Rank = 10;

    /// <summary>A second counts as busy from this share of the limit: a CPU-bound process rarely shows exactly 100%.</summary>
    public const double BusyShare = 0.9;

    /// <summary>The fewest busy seconds in a row that make a finding.</summary>
    public const int MinSeconds = 3;

    /// <summary>The smallest share of the load period's watched seconds the stretch must cover: a short burst is not what limited the run.</summary>
    public const double MinShare = 0.2;

    public bool NeedsTarget => true;

    public Finding? Evaluate(RunResult result)
    {
        if (RunSeconds.Target(result, "target_cpu") is not { Limit: > 0 } cpu)
        {
            return null;
        }

        var limit = cpu.Limit.Value;
        var (start, length) = LongestBusyStretch(cpu.Series, BusyShare * limit);
        var loadEnd = (result.LoadSeconds ?? double.PositiveInfinity) + 1;
        var loadSeconds = cpu.Series.Count(p => p.T <= loadEnd);
        if (length < MinSeconds || length < MinShare * loadSeconds)
        {
            return null;
        }

        var stretch = cpu.Series.Skip(start).Take(length).ToList();
        var from = stretch[0].T;
        var to = stretch[^1].T;
        var used = stretch.Average(p => p.V);
        var seconds = RunSeconds.WithRequests(result);
        var during = RunSeconds.Median(seconds.Where(i => i.T >= from - 1e-6 && i.T <= to + 1e-6).Select(i => i.P99));
        var before = seconds.Where(i => i.T < from - 1e-6).ToList();
        var p99Before = RunSeconds.Median(before.Select(i => i.P99));
        var evidence = new List<FindingEvidence>
        {
            new("cpu", used, FindingUnit.Cores) { From = from, To = to },
            new("limit", limit, FindingUnit.Cores),
            new("from", from, FindingUnit.Second),
        };
        string latency;
        if (double.IsFinite(p99Before) && double.IsFinite(during) && during > p99Before)
        {
            evidence.Add(new FindingEvidence("p99_before", p99Before, FindingUnit.Milliseconds) { From = before[0].T, To = before[^1].T });
            evidence.Add(new FindingEvidence("p99", during, FindingUnit.Milliseconds) { From = from, To = to });
            latency = ", when p99 rose from {p99_before} to {p99}";
        }
        else if (double.IsFinite(during))
        {
            evidence.Add(new FindingEvidence("p99", during, FindingUnit.Milliseconds) { From = from, To = to });
            latency = ", with p99 at {p99}";
        }
        else
        {
            latency = string.Empty;
        }

        return new Finding(
            FindingKind.CpuBound,
            Rank,
            "CPU-bound",
            "the target used {cpu} of {limit} " + (limit == 1 ? "core" : "cores") + " from second {from}" + latency + ": more load needs more CPU or cheaper requests",
            evidence);
    }

    /// <summary>Where the longest run of consecutive points at or above <paramref name="busy"/> starts, and its length.</summary>
    internal static (int Start, int Length) LongestBusyStretch(IReadOnlyList<TargetPointResult> series, double busy)
    {
        var (bestStart, bestLength, start) = (0, 0, -1);
        for (var i = 0; i <= series.Count; i++)
        {
            if (i < series.Count && series[i].V >= busy)
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0 && i - start > bestLength)
            {
                (bestStart, bestLength) = (start, i - start);
            }

            start = -1;
        }

        return (bestStart, bestLength);
    }
}

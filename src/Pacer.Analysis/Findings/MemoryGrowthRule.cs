using Pacer.Analysis.Statistics;
using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>
/// Memory growth without levelling off, a leak suspect. Over the per-second <c>target_memory</c> (at least
/// <see cref="MinSeconds"/> seconds), all of these hold: the Theil–Sen slope of the whole run is at least
/// <see cref="MinBytesPerMinute"/>; what it adds over the run is at least <see cref="MinGrowthBytes"/> and at least
/// <see cref="MinGrowthShare"/> of where the memory started (the median of the first five seconds); and the slope of the last third of the seconds is still at least
/// <see cref="TailShare"/> of the whole run's. A warm-up that grows and then levels off fails the last test: not a leak.
/// </summary>
internal sealed class MemoryGrowthRule : IFindingRule
{
    public const int Rank = 50;

    /// <summary>Fewer seconds than this cannot tell growth from warm-up.</summary>
    public const int MinSeconds = 20;

    /// <summary>1 MB a minute: below it, a day's run would add under 1.5 GB.</summary>
    public const double MinBytesPerMinute = 1e6;

    /// <summary>
    /// Growth over the run in bytes: a short run's few MB are buffers and queued requests (an overloaded demo target grew 7 MB in
    /// 23 s as its backlog grew), not a leak; a leak of 64 kB a request at 100 requests/s adds 16 MB in under three seconds.
    /// </summary>
    public const double MinGrowthBytes = 16e6;

    /// <summary>Growth over the run as a share of the starting memory: a big process drifting by a few MB is not a finding.</summary>
    public const double MinGrowthShare = 0.05;

    /// <summary>How much of the whole run's slope the last third must keep to count as "not levelling off".</summary>
    public const double TailShare = 0.5;

    public bool NeedsTarget => true;

    public Finding? Evaluate(RunResult result)
    {
        if (RunSeconds.Target(result, "target_memory") is not { } memory || memory.Series.Count < MinSeconds)
        {
            return null;
        }

        var points = memory.Series.Select(p => (p.T, p.V)).ToList();
        var perMinute = TheilSen.Slope(points) * 60;
        var tail = points.Skip(points.Count - (points.Count / 3)).ToList();
        var tailPerMinute = TheilSen.Slope(tail) * 60;
        var start = RunSeconds.Median(points.Take(5).Select(p => p.V));
        var span = points[^1].T - points[0].T;
        var growth = perMinute / 60 * span;
        if (!(perMinute >= MinBytesPerMinute) || growth < MinGrowthBytes || growth < MinGrowthShare * start || !(tailPerMinute >= TailShare * perMinute))
        {
            return null;
        }

        var (first, last) = (memory.Series[0], memory.Series[^1]);
        return new Finding(
            FindingKind.MemoryGrowth,
            Rank,
            "memory growth",
            "memory grew {growth} without levelling off (from {start} to {end}; still {tail} over the last third): a leak suspect",
            [
                new FindingEvidence("growth", perMinute, FindingUnit.BytesPerMinute) { From = first.T, To = last.T },
                new FindingEvidence("start", first.V, FindingUnit.Bytes) { From = first.T, To = first.T },
                new FindingEvidence("end", last.V, FindingUnit.Bytes) { From = last.T, To = last.T },
                new FindingEvidence("tail", tailPerMinute, FindingUnit.BytesPerMinute) { From = tail[0].T, To = tail[^1].T },
            ]);
    }
}

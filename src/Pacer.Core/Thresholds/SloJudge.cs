using Pacer.Core.Plans;
using Pacer.Core.Recording;

namespace Pacer.Core.Thresholds;

/// <summary>
/// Counts an SLO objective's good and total events on the metric catalogue, so a live run and a saved result count the same.
/// A latency's good events are read from its HDR histogram, not from a percentile: every bucket whose values all lie below the
/// bound (its highest equivalent value, or the exact maximum when that is lower, is under it). This is exactly the count that
/// makes "objective 99% below 25 ms" agree with the threshold <c>p(99)&lt;25ms</c> on the same histogram.
/// </summary>
internal static class SloJudge
{
    public static SloVerdict Judge(SloObjective objective, MetricCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(catalog);
        var snapshot = catalog.Snapshot(objective.Metric, []);
        if (snapshot is null)
        {
            return new SloVerdict(objective, 0, 0);
        }

        return objective.Metric switch
        {
            "http_req_failed" => new SloVerdict(objective, snapshot.Count - snapshot.Passes, snapshot.Count),
            "checks" => new SloVerdict(objective, snapshot.Passes, snapshot.Count),
            _ when snapshot.Histogram is { } histogram && objective.BelowMs is { } below => new SloVerdict(objective, GoodBelow(histogram, below), histogram.TotalCount),
            _ => new SloVerdict(objective, 0, 0),
        };
    }

    /// <summary>Samples of <paramref name="histogram"/> (µs) that lie below <paramref name="boundMs"/>, bucket by bucket.</summary>
    internal static long GoodBelow(LatencyHistogram histogram, double boundMs)
    {
        var bound = boundMs * 1000;
        long good = 0;
        foreach (var bucket in histogram.RecordedBuckets())
        {
            // A bucket straddling the bound cannot be split (its values are equivalent): it counts as good only when the exact
            // maximum proves all its values lie below the bound, the same rule percentiles follow.
            if (Math.Min(bucket.To, histogram.Max) < bound)
            {
                good += bucket.Count;
            }
        }

        return good;
    }
}

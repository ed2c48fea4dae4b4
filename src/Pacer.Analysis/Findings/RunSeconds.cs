using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>The per-second data the rules read, and the small statistics they share.</summary>
internal static class RunSeconds
{
    /// <summary>
    /// The seconds of the run that completed requests, without a final sliver of an interval (under half a second), whose few
    /// requests would read as a jump in latency or errors (the reports' charts drop it too).
    /// </summary>
    public static List<IntervalResult> WithRequests(RunResult result)
    {
        var seconds = new List<IntervalResult>(result.Series.Count);
        var previous = 0.0;
        foreach (var interval in result.Series)
        {
            if (interval.Requests > 0 && interval.T - previous >= 0.5)
            {
                seconds.Add(interval);
            }

            previous = interval.T;
        }

        return seconds;
    }

    /// <summary>The first watched metric of that name (sources in the order given, as a threshold takes it), or null.</summary>
    public static TargetMetricResult? Target(RunResult result, string name) =>
        result.Target?.Metrics.FirstOrDefault(m => m.Name == name && m.Series.Count > 0);

    /// <summary>The run's seconds keyed by their <see cref="IntervalResult.T"/>, as a target point's <see cref="TargetPointResult.T"/> finds them.</summary>
    public static Dictionary<long, IntervalResult> ByKey(RunResult result)
    {
        var byKey = new Dictionary<long, IntervalResult>();
        foreach (var interval in result.Series)
        {
            byKey[Key(interval.T)] = interval;
        }

        return byKey;
    }

    /// <summary>A second's key to the millisecond: the series and the target points are written with the same T, but as doubles.</summary>
    public static long Key(double t) => (long)Math.Round(t * 1000);

    /// <summary>The median of the values (the mean of the middle two for an even count); NaN for none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The point with the largest value (the first of equals).</summary>
    public static TargetPointResult Peak(IReadOnlyList<TargetPointResult> series) =>
        series.Aggregate((best, p) => p.V > best.V ? p : best);
}

namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// Puts samples taken at Unix times onto the run's tick seconds: a sample at time s belongs to T = s − run start, and goes to
/// the tick nearest T when that is at most half a second away; when two samples fall on one tick the nearer one is kept, and
/// ticks with no sample are left out (as a second without a reading is).
/// </summary>
internal static class TickAlignment
{
    public static List<TargetPoint> Align(IEnumerable<(double UnixSeconds, double Value)> samples, DateTimeOffset start, IReadOnlyList<double> ticks)
    {
        var startSeconds = start.ToUnixTimeMilliseconds() / 1000.0;
        var best = new Dictionary<int, (double Distance, double Value)>();
        foreach (var (unixSeconds, value) in samples)
        {
            var t = unixSeconds - startSeconds;
            var nearest = Nearest(ticks, t);
            if (nearest < 0) continue;
            var distance = Math.Abs(ticks[nearest] - t);
            if (distance > 0.5) continue;
            if (!best.TryGetValue(nearest, out var kept) || distance < kept.Distance) best[nearest] = (distance, value);
        }

        return [.. best.OrderBy(pair => pair.Key).Select(pair => new TargetPoint(ticks[pair.Key], pair.Value.Value))];
    }

    /// <summary>The index of the tick nearest <paramref name="t"/> in the sorted <paramref name="ticks"/>, or −1 when there are none.</summary>
    private static int Nearest(IReadOnlyList<double> ticks, double t)
    {
        if (ticks.Count == 0) return -1;
        int low = 0, high = ticks.Count - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (ticks[middle] < t) low = middle + 1;
            else high = middle;
        }

        return low > 0 && t - ticks[low - 1] <= ticks[low] - t ? low - 1 : low;
    }
}

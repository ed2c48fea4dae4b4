using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Capacity;

/// <summary>
/// Watches a step second by second and says when it has reached its steady state (the Theil–Sen slopes of throughput and median latency
/// over the last seconds are small against their level) or is clearly over the targets, so a step lasts as long as it needs
/// rather than a fixed time. The caller bounds it by a longest duration. The first second (connections opening, caches
/// warming) is left out.
/// </summary>
/// <param name="offered">The offered arrival rate of an open plan; null for a closed plan (virtual users).</param>
/// <param name="latencyLimitMs">The tightest latency bound of the targets, ms, when there is one: p95 far above it is clearly over.</param>
public sealed class StepWatch(double? offered, double? latencyLimitMs)
{
    /// <summary>Seconds looked at for a trend.</summary>
    public const int Window = 3;

    /// <summary>Throughput may drift at most this share of its level over the window and still be steady.</summary>
    public const double ThroughputDrift = 0.1;

    /// <summary>The median latency may drift at most this share of its level over the window (latency is noisier second to second than throughput).</summary>
    public const double LatencyDrift = 0.3;

    /// <summary>Consecutive seconds far over the targets before a step is called clearly over.</summary>
    public const int OverSeconds = 2;

    private readonly List<StepSecond> seconds = [];
    private int over;

    /// <summary>Takes the next second and says what to do.</summary>
    public StepSignal Observe(StepSecond second)
    {
        ArgumentNullException.ThrowIfNull(second);
        seconds.Add(second);
        over = FarOver(second) ? over + 1 : 0;
        if (over >= OverSeconds)
        {
            return StepSignal.ClearlyOver;
        }

        if (seconds.Count < Window + 1)
        {
            return StepSignal.Continue;
        }

        var recent = seconds.Skip(seconds.Count - Window).ToList();
        return Flat(recent.Select(s => s.Completed).ToList(), ThroughputDrift) && Flat(recent.Select(s => s.P50).ToList(), LatencyDrift)
            ? StepSignal.Steady
            : StepSignal.Continue;
    }

    private bool FarOver(StepSecond second)
    {
        var answered = second.Completed > 0;
        return (answered && second.Errors / second.Completed > 0.5)
            || (offered is { } rate && (second.Completed < rate * 0.5 || second.Dropped > rate * 0.1))
            || (latencyLimitMs is { } limit && second.P95 > 4 * limit);
    }

    private static bool Flat(IReadOnlyList<double> values, double drift)
    {
        var level = values.Order().ElementAt(values.Count / 2);
        if (level <= 0)
        {
            return values.All(v => v == 0);
        }

        var slope = TheilSen.Slope([.. values.Select((v, i) => ((double)i, v))]);
        return Math.Abs(slope) * (values.Count - 1) <= drift * level;
    }
}

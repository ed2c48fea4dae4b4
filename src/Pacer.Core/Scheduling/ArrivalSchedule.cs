using System.Runtime.CompilerServices;
using Pacer.Core.Plans;
using Pacer.Core.Platform;

namespace Pacer.Core.Scheduling;

/// <summary>
/// When each open-model arrival happens, as a pure function of the stages: arrival i is at the time t where the planned count
/// N(t) = ∫₀ᵗ rate equals i. A constant rate r gives i/r; a linear ramp solves a quadratic within its stage. Every time is
/// computed from the index, never by adding intervals, so a long run does not drift.
/// </summary>
internal sealed class ArrivalSchedule
{
    private readonly Segment[] segments;

    public ArrivalSchedule(LoadProfile load)
    {
        var list = new List<Segment>();
        double start = 0, count = 0, from = load.StartTarget;
        foreach (var stage in load.Stages)
        {
            var seconds = stage.Duration.TotalSeconds;
            if (seconds > 0)
            {
                list.Add(new Segment(start, seconds, count, from, stage.Target));
                count += (from + stage.Target) / 2 * seconds;
                start += seconds;
            }

            from = stage.Target;
        }

        segments = [.. list];
        ExpectedCount = count;
        Duration = TimeSpan.FromSeconds(start);
    }

    /// <summary>N at the end of the plan: how many arrivals it asks for (fractional).</summary>
    public double ExpectedCount { get; }

    /// <summary>Total length of the plan.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The offset of arrival <paramref name="index"/> (0-based) from the start, or null when the plan ends first.</summary>
    [MethodImpl(HotPath.Open)]
    public TimeSpan? ArrivalTime(long index)
    {
        var seconds = ArrivalSeconds(index);
        return seconds is { } s ? TimeSpan.FromTicks((long)Math.Round(s * TimeSpan.TicksPerSecond)) : null;
    }

    /// <summary>The offset of arrival <paramref name="index"/> in seconds, or null past the end.</summary>
    [MethodImpl(HotPath.Open)]
    public double? ArrivalSeconds(long index)
    {
        double target = index;
        foreach (var segment in segments)
        {
            var endCount = segment.StartCount + ((segment.From + segment.To) / 2 * segment.Seconds);
            if (target < endCount)
            {
                return segment.Start + segment.TimeForCount(target - segment.StartCount);
            }
        }

        return null;
    }

    /// <summary>The planned rate at <paramref name="t"/> (arrivals per second), for charts and checks.</summary>
    public double RateAt(TimeSpan t)
    {
        var s = t.TotalSeconds;
        foreach (var segment in segments)
        {
            if (s <= segment.Start + segment.Seconds)
            {
                var f = Math.Clamp((s - segment.Start) / segment.Seconds, 0, 1);
                return segment.From + ((segment.To - segment.From) * f);
            }
        }

        return 0;
    }

    /// <summary>A stage with positive duration: the rate moves linearly from <see cref="From"/> to <see cref="To"/>.</summary>
    private readonly record struct Segment(double Start, double Seconds, double StartCount, double From, double To)
    {
        /// <summary>Seconds into the segment at which <paramref name="n"/> arrivals have accumulated: solve From·t + a·t²/2 = n with a = (To − From)/Seconds.</summary>
        [MethodImpl(HotPath.Open)]
        public double TimeForCount(double n)
        {
            if (n <= 0)
            {
                return 0;
            }

            var a = (To - From) / Seconds;
            if (Math.Abs(a) < 1e-12)
            {
                return n / From;
            }

            // (a/2)t² + From·t − n = 0. The root From² + 2an ≥ 0 within the segment. Written as 2n / (From + √disc) to avoid
            // cancellation when From is large and a small (the textbook form subtracts two nearly equal numbers).
            var disc = Math.Max(0, (From * From) + (2 * a * n));
            var root = Math.Sqrt(disc);
            var denominator = From + root;
            return denominator > 0 ? 2 * n / denominator : (-From + root) / a;
        }
    }
}

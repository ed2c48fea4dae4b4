using System.Diagnostics;

namespace Pacer.Core.Recording;

/// <summary>
/// How many requests were in flight (written and not yet answered), from each request's own send and end timestamps: per
/// second of the schedule's clock it keeps how many requests were written and answered in it and where, so the mean number
/// in flight over any stretch is the exact integral of the count divided by its length. Lock-free and allocation-free on the
/// hot path (a block of seconds is allocated once, the first time it is reached); a request costs four interlocked adds
/// however long it took.
/// </summary>
internal sealed class InFlightTimeline
{
    private const int SecondsPerBlock = 1024;
    private const int Fields = 4;
    private const int Sends = 0;
    private const int SendTicksToSecondEnd = 1;
    private const int Ends = 2;
    private const int EndTicksToSecondEnd = 3;

    private readonly long[]?[] blocks = new long[]?[4096];
    private long origin;

    /// <summary>Sets the clock's zero (the schedule's start); requests are placed on it by their timestamps.</summary>
    public void Start(long originTicks) => Volatile.Write(ref origin, originTicks);

    /// <summary>Records a request that was written at <paramref name="sendTicks"/> and ended at <paramref name="endTicks"/>. Any thread.</summary>
    public void Record(long sendTicks, long endTicks)
    {
        var zero = Volatile.Read(ref origin);
        var send = Math.Max(sendTicks - zero, 0);
        var end = Math.Max(endTicks - zero, send);
        Add(send, Sends, SendTicksToSecondEnd);
        Add(end, Ends, EndTicksToSecondEnd);
    }

    /// <summary>
    /// The mean number of requests in flight in each interval of a series: interval i runs from the end of interval i − 1 (0
    /// for the first) to <paramref name="intervalEnds"/>[i], in seconds on the clock. Exact at whole seconds and at the last
    /// end when <paramref name="lastIsFinal"/> (no request ended after it: the end of the run); within a second it interpolates
    /// the integral linearly.
    /// </summary>
    public double[] Means(IReadOnlyList<double> intervalEnds, bool lastIsFinal)
    {
        var means = new double[intervalEnds.Count];
        var frequency = (double)Stopwatch.Frequency;
        long second = 0;
        long inFlight = 0;
        double integral = 0;
        double previous = 0;
        double previousIntegral = 0;
        for (var i = 0; i < intervalEnds.Count; i++)
        {
            var t = Math.Max(intervalEnds[i], previous);
            while (second + 1 <= t)
            {
                var (sends, sendRest, ends, endRest) = Second(second);
                integral += inFlight + ((sendRest - endRest) / frequency);
                inFlight += sends - ends;
                second++;
            }

            var part = t - second;
            var at = integral;
            if (part > 0)
            {
                var (sends, sendRest, ends, endRest) = Second(second);
                if (lastIsFinal && i == intervalEnds.Count - 1)
                {
                    // Every request of this second was written and answered by then: each one's share is its time up to that moment.
                    var cut = (1 - part) * frequency;
                    at += (inFlight * part) + ((sendRest - (sends * cut) - (endRest - (ends * cut))) / frequency);
                }
                else
                {
                    at += part * (inFlight + ((sendRest - endRest) / frequency));
                }
            }

            means[i] = t > previous ? (at - previousIntegral) / (t - previous) : 0;
            previous = t;
            previousIntegral = at;
        }

        return means;
    }

    private (long Sends, long SendRest, long Ends, long EndRest) Second(long second)
    {
        if (second / SecondsPerBlock >= blocks.Length || Volatile.Read(ref blocks[second / SecondsPerBlock]) is not { } block)
        {
            return (0, 0, 0, 0);
        }

        var at = (int)(second % SecondsPerBlock) * Fields;
        return (Interlocked.Read(ref block[at + Sends]), Interlocked.Read(ref block[at + SendTicksToSecondEnd]), Interlocked.Read(ref block[at + Ends]), Interlocked.Read(ref block[at + EndTicksToSecondEnd]));
    }

    private void Add(long ticksFromOrigin, int countField, int restField)
    {
        var frequency = Stopwatch.Frequency;
        var second = ticksFromOrigin / frequency;
        if (second / SecondsPerBlock >= blocks.Length)
        {
            // Past the last block (over 48 days): such a request cannot be placed; it is left out of the in-flight series only.
            return;
        }

        var block = Block((int)(second / SecondsPerBlock));
        var at = (int)(second % SecondsPerBlock) * Fields;
        Interlocked.Increment(ref block[at + countField]);
        Interlocked.Add(ref block[at + restField], ((second + 1) * frequency) - ticksFromOrigin);
    }

    private long[] Block(int index)
    {
        if (Volatile.Read(ref blocks[index]) is { } existing)
        {
            return existing;
        }

        // First request in these 1,024 seconds: allocate once; a racing thread's copy is discarded before anything is added to it.
        var created = new long[SecondsPerBlock * Fields];
        return Interlocked.CompareExchange(ref blocks[index], created, null) ?? created;
    }
}

using System.Diagnostics;
using Pacer.Core.Recording;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Recording;

public sealed class RunRecorderTests
{
    private static readonly long TicksPerMs = Stopwatch.Frequency / 1000;

    [Fact]
    public void RecordRequest_LatencyServiceQueue_AreMeasuredFromIntendedAndSendTimes()
    {
        var recorder = new RunRecorder(["a"]);

        // Intended at 0, sent at 40 ms (it waited for a connection), done at 50 ms.
        recorder.RecordRequest(0, 1_000 * TicksPerMs, Result(200, send: 1_040, end: 1_050));
        recorder.Tick(1);

        var totals = recorder.Totals.PerRequest[0];
        Assert.InRange(totals.Latency.Max, 49_900, 50_100);
        Assert.InRange(totals.ServiceTime.Max, 9_900, 10_100);
        Assert.InRange(totals.QueueTime.Max, 39_900, 40_100);
    }

    [Fact]
    public void RecordRequest_TimestampsOutOfOrder_AreCountedAsClampedNeverSilentlyFloored()
    {
        var recorder = new RunRecorder(["a"]);

        recorder.RecordRequest(0, 1_000 * TicksPerMs, Result(200, send: 1_000, end: 1_005));
        Assert.Equal(0, recorder.Clamped);

        // Sent 1 ms before it was meant to start (a wake-up that came early), then answered before it was sent.
        recorder.RecordRequest(0, 1_000 * TicksPerMs, Result(200, send: 999, end: 1_005));
        recorder.RecordRequest(0, 1_000 * TicksPerMs, Result(200, send: 1_002, end: 1_001));
        recorder.Tick(1);

        Assert.Equal(2, recorder.Clamped);
        Assert.Equal(2, recorder.Totals.Clamped);
    }

    [Fact]
    public void Tick_CountsPerNameStatusAndErrorKind()
    {
        var recorder = new RunRecorder(["get", "post"]);
        recorder.RecordRequest(0, 0, Result(200, 0, 1));
        recorder.RecordRequest(0, 0, Result(503, 0, 2, ErrorKind.Http5xx));
        recorder.RecordRequest(1, 0, Result(0, 0, 3, ErrorKind.Refused));
        recorder.RecordDropped();

        var interval = recorder.Tick(1);
        var totals = recorder.Totals;

        Assert.Equal(3, interval.Requests);
        Assert.Equal(2, interval.Failures);
        Assert.Equal(1, interval.Dropped);
        Assert.Equal(2, totals.PerRequest[0].Requests);
        Assert.Equal(1, totals.PerRequest[0].Failures);
        Assert.Equal(1, totals.PerRequest[1].Failures);
        Assert.Equal(1, totals.Statuses[200].Count);
        Assert.Equal(1, totals.Statuses[503].Count);
        Assert.Equal(1, totals.Statuses[0].Count);
        Assert.Equal(1, totals.Errors[ErrorKind.Http5xx]);
        Assert.Equal(1, totals.Errors[ErrorKind.Refused]);
        Assert.Equal(3, totals.Latency.TotalCount);
        Assert.Equal(30, totals.BytesSent);
        Assert.Equal(300, totals.BytesReceived);
    }

    [Fact]
    public void Tick_Intervals_HoldOnlyTheirOwnSecond()
    {
        var recorder = new RunRecorder(["a"]);
        for (var i = 0; i < 100; i++)
        {
            recorder.RecordRequest(0, 0, Result(200, 0, 1));
        }

        var first = recorder.Tick(1);
        for (var i = 0; i < 10; i++)
        {
            recorder.RecordRequest(0, 0, Result(200, 0, 500));
        }

        recorder.Vus.Add(7);
        var second = recorder.Tick(2);

        Assert.Equal(100, first.Requests);
        Assert.InRange(first.LatencyP99Micros, 990, 1010);
        Assert.Equal(10, second.Requests);
        Assert.InRange(second.LatencyP50Micros, 499_000, 501_000);
        Assert.Equal(7, second.Active);
        Assert.Equal(110, recorder.Totals.Requests);
        Assert.Equal(2, recorder.Totals.Intervals.Count);
        Assert.Equal(7, recorder.Totals.ActiveMax);

        // The gauge follows its changes, not the ticks: 7 is the only count it ever had.
        Assert.Equal(7, recorder.Totals.ActiveMin);
    }

    [Fact]
    public void RecordRequest_FromManyThreadsWhileTicking_LosesNothing()
    {
        var recorder = new RunRecorder(["a", "b"]);
        const int PerThread = 50_000;
        using var done = new CountdownEvent(4);
        for (var t = 0; t < 4; t++)
        {
            var index = t % 2;
            new Thread(() =>
            {
                for (var i = 0; i < PerThread; i++)
                {
                    recorder.RecordRequest(index, 0, Result(i % 10 == 0 ? 500 : 200, 0, 1 + (i % 50), i % 10 == 0 ? ErrorKind.Http5xx : ErrorKind.None));
                }

                done.Signal();
            }).Start();
        }

        var ticks = 0;
        var intervalsConsistent = true;
        try
        {
            while (!done.IsSet)
            {
                var interval = recorder.Tick(++ticks);
                intervalsConsistent &= interval.LatencyP50Micros <= interval.LatencyMaxMicros;
            }
        }
        finally
        {
            // Never leave recording threads behind a failed assertion: they would signal a disposed event.
            done.Wait();
        }

        recorder.Tick(++ticks);

        Assert.True(intervalsConsistent);

        Assert.Equal(4 * PerThread, recorder.Totals.Requests);
        Assert.Equal(4 * PerThread, recorder.Totals.Latency.TotalCount);
        Assert.Equal(4 * PerThread / 10, recorder.Totals.Failures);
        Assert.Equal(4 * PerThread, recorder.Totals.Intervals.Sum(i => i.Requests));
        Assert.Equal(4 * PerThread / 10, recorder.Totals.Statuses[500].Count);
    }

    [Fact]
    public void RecordRequest_SteadyState_AllocatesNothing()
    {
        var recorder = new RunRecorder(["a"]);
        var ok = Result(200, 0, 2);
        var failed = Result(503, 0, 3, ErrorKind.Http5xx);
        recorder.RecordRequest(0, 0, ok);
        recorder.RecordRequest(0, 0, failed);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            recorder.RecordRequest(0, 0, (i & 1) == 0 ? ok : failed);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Zero in a quiet process; a garbage collection started by another test's thread can charge this thread the unused
        // rest of its allocation context (under 8 KB). One allocation per request would be 2.4 MB or more.
        Assert.True(allocated < 16 * 1024, $"100,000 recordings allocated {allocated:N0} bytes");
    }

    [Fact]
    public void RecordRequest_FailureWithoutResponse_HasLatencyButNoServiceOrQueueTime()
    {
        // A refused connection: the transports report send = end, which made a 0 µs service time (shown as 1 µs) for every
        // refused request, and the whole wait a queue time. With no response there is neither.
        var recorder = new RunRecorder(["a"]);
        recorder.RecordRequest(0, 1_000 * TicksPerMs, Result(0, send: 1_003, end: 1_003, ErrorKind.Refused));
        recorder.RecordRequest(0, 1_000 * TicksPerMs, Result(200, send: 1_000, end: 1_010));
        recorder.RecordRequest(0, 1_000 * TicksPerMs, Result(503, send: 1_000, end: 1_020, ErrorKind.Http5xx));
        recorder.Tick(1);

        var totals = recorder.Totals;
        Assert.Equal(3, totals.Latency.TotalCount);
        Assert.Equal(2, totals.ServiceTime.TotalCount);
        Assert.Equal(2, totals.QueueTime.TotalCount);
        Assert.InRange(totals.ServiceTime.Min, 9_900, 10_100);
        Assert.Equal(1, totals.ExpectedLatency.TotalCount);
        Assert.Equal(2, totals.FailedLatency.TotalCount);
        Assert.Equal(2, totals.Responses);
        Assert.Equal(totals.Latency.TotalCount, totals.PerRequest[0].ExpectedLatency.TotalCount + totals.PerRequest[0].FailedLatency.TotalCount);
    }

    [Fact]
    public void RecordAbandoned_IsAFailureWithItsWaitAsLatency()
    {
        var recorder = new RunRecorder(["a"]);
        recorder.RecordAbandoned(0, 1_000 * TicksPerMs, 3_500 * TicksPerMs);
        recorder.Tick(1);

        var totals = recorder.Totals;
        Assert.Equal(1, totals.Requests);
        Assert.Equal(1, totals.Failures);
        Assert.Equal(1, totals.Abandoned);
        Assert.Equal(1, totals.Errors[ErrorKind.Abandoned]);
        Assert.InRange(totals.Latency.Min, 2_490_000, 2_510_000);
        Assert.Equal(0, totals.ServiceTime.TotalCount);
        Assert.Equal(0, totals.Responses);
    }

    private static TransportResult Result(int status, long send, long end, ErrorKind error = ErrorKind.None) =>
        new(status, error, send * TicksPerMs, end * TicksPerMs, 10, 100);
}

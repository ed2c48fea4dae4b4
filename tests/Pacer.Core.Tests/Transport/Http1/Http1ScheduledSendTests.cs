using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Pacer.Core.Running;
using Pacer.Core.Plans;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>Requests handed to the event loop ahead of their time: held until then, written together, cancellable while held.</summary>
public sealed class Http1ScheduledSendTests
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    [Fact]
    public async Task SendAtAsync_NotBeforeInTheFuture_IsNotWrittenBeforeIt()
    {
        var arrivals = new ConcurrentQueue<long>();
        using var server = new ScriptedServer((_, _) =>
        {
            arrivals.Enqueue(Stopwatch.GetTimestamp());
            return new ScriptedReply(Ok);
        });
        var request = Request(server.BaseAddress);
        await using var transport = new Http1Transport(MixRequest.EncodeAll([request]), loopCount: 1);

        var notBefore = Stopwatch.GetTimestamp() + Ticks(milliseconds: 80);
        var result = await transport.SendAtAsync(request, notBefore, CancellationToken.None);

        Assert.Equal(200, result.Status);
        Assert.True(result.SendTicks >= notBefore, $"written {Millis(notBefore - result.SendTicks):0.###} ms early");
        Assert.True(arrivals.Single() >= notBefore, $"the server saw it {Millis(notBefore - arrivals.Single()):0.###} ms early");
    }

    [Fact]
    public async Task SendAtAsync_ManyDueAtOnce_AreAllWrittenWhenDue()
    {
        using var server = ScriptedServer.Always(Ok);
        var request = Request(server.BaseAddress);
        await using var transport = new Http1Transport(MixRequest.EncodeAll([request]), loopCount: 1);

        // Handed over from this (non-loop) thread well ahead of time, half of them for the same moment.
        var start = Stopwatch.GetTimestamp() + Ticks(milliseconds: 50);
        var due = Enumerable.Range(0, 40).Select(i => start + (i < 20 ? 0 : Ticks(milliseconds: 1) * (i - 19))).ToArray();
        var sends = due.Select(d => transport.SendAtAsync(request, d, CancellationToken.None).AsTask()).ToArray();
        var results = await Task.WhenAll(sends);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(200, results[i].Status);
            Assert.True(results[i].SendTicks >= due[i], $"request {i} written {Millis(due[i] - results[i].SendTicks):0.###} ms early");
        }

        // Late only by a loop wake-up (generous: a loaded test machine), never by a timeout period or a missed batch.
        var worst = results.Select((r, i) => r.SendTicks - due[i]).Max();
        Assert.True(Millis(worst) < 50, $"latest write {Millis(worst):0.###} ms after its time");
    }

    [Fact]
    public async Task SendAtAsync_CancelledWhileHeld_ThrowsAndIsNeverWritten()
    {
        var requests = 0;
        using var server = new ScriptedServer((_, _) =>
        {
            Interlocked.Increment(ref requests);
            return new ScriptedReply(Ok);
        });
        var request = Request(server.BaseAddress);
        await using var transport = new Http1Transport(MixRequest.EncodeAll([request]), loopCount: 1);
        using var cancel = new CancellationTokenSource();

        var held = transport.SendAtAsync(request, Stopwatch.GetTimestamp() + Ticks(milliseconds: 60_000), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, Volatile.Read(ref requests));

        // The loop goes on serving: a request due now is written at once.
        var result = await transport.SendAtAsync(request, Stopwatch.GetTimestamp(), CancellationToken.None);
        Assert.Equal(200, result.Status);
    }

    [Fact]
    public async Task SendAtAsync_HeldWhenTheTransportCloses_IsCancelled()
    {
        using var server = ScriptedServer.Always(Ok);
        var request = Request(server.BaseAddress);
        var transport = new Http1Transport(MixRequest.EncodeAll([request]), loopCount: 1);

        var held = transport.SendAtAsync(request, Stopwatch.GetTimestamp() + Ticks(milliseconds: 60_000), CancellationToken.None).AsTask();
        await transport.DisposeAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private static RequestSpec Request(Uri url) => new("r", "GET", url, [], null, 1, TimeSpan.FromSeconds(5));

    private static long Ticks(int milliseconds) => Stopwatch.Frequency * milliseconds / 1000;

    private static double Millis(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

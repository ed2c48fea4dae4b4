using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pacer.Core.Platform;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The lean HTTP/1.1 transport for <c>http://</c> targets on Linux: event loops that own their connections (epoll over
/// non-blocking sockets), requests framed once (a mix's at load, a step's by its virtual user), an incremental allocation-free
/// response parser, and exchanges awaited without allocation. It holds scheduled exchanges: the loop writes each at its time.
/// A response is counted and discarded, or kept in the <see cref="ExchangeResponse"/> given (a scenario step's checks and
/// extractions). TLS and HTTP/2 go through <see cref="HttpClientTransport"/>.
/// </summary>
internal sealed class Http1Transport : ITransport, IEventLoopLoad, IConnectionCount
{
    private readonly Http1Endpoints endpoints;
    private readonly ConcurrentQueue<Http1Exchange> exchanges = new();
    private readonly Http1EventLoop[] loops;
    private int nextLoop;

    /// <summary>Starts <paramref name="loopCount"/> event loops; the hosts of <paramref name="known"/> (a request mix's) are resolved now.</summary>
    public Http1Transport(IReadOnlyList<ExchangeRequest> known, int loopCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(loopCount, 1);
        endpoints = new Http1Endpoints(known);
        loops = [.. Enumerable.Range(0, loopCount).Select(i => new Http1EventLoop(this, i, endpoints.Count))];
        Name = $"pacer-http1/epoll×{loopCount}";
        Capabilities = new TransportCapabilities(Http1Schemes.Http)
        {
            HoldsScheduledExchanges = true,
            Connections = this,
            EventLoops = this,
        };
    }

    /// <summary>Whether this machine can run the event loops (they need Linux's epoll); elsewhere the lean transport is <see cref="SocketHttp1Transport"/>.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    public string Name { get; }

    public TransportCapabilities Capabilities { get; }

    public long ConnectionsOpened => SumOverLoops(static loop => loop.ConnectionsOpened);

    public long? ConnectionsWithStrayBytes => SumOverLoops(static loop => loop.ConnectionsWithStrayBytes);

    /// <summary>The first message seen for each kind of failure; written by the loops.</summary>
    internal FirstErrorExamples Examples { get; } = new();

    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples => Examples.Snapshot();

    /// <summary>
    /// Finds the endpoint of the request's host (resolved once) and hands the exchange to an event loop, which holds it until
    /// <paramref name="notBeforeTicks"/> and writes it with whatever else is due then. An https:// URL or a host that does not
    /// resolve is refused (see <see cref="Http1Endpoints"/>).
    /// </summary>
    [MethodImpl(HotPath.Shared)]
    public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
    {
        if (endpoints.Find(request, out var refusal, out var reason) is not { } endpoint)
        {
            return ValueTask.FromResult(Refused(refusal, reason!, request));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!exchanges.TryDequeue(out var exchange))
        {
            exchange = new Http1Exchange(exchanges);
        }

        // The timeout runs from when the request may go out, not from when it was handed over.
        var deadline = Math.Max(Stopwatch.GetTimestamp(), notBeforeTicks) + (long)(request.Timeout.TotalSeconds * Stopwatch.Frequency);
        var pending = exchange.Start(request, endpoint, response, notBeforeTicks, deadline, cancellationToken);
        PickLoop().Submit(exchange);
        return pending;
    }

    /// <summary>A virtual user the loop just served stays on that loop: no thread hop, no wake-up.</summary>
    private Http1EventLoop PickLoop() =>
        Http1EventLoop.Current is { } here && here.Owner == this
            ? here
            : loops[(int)((uint)Interlocked.Increment(ref nextLoop) % (uint)loops.Length)];

    public int EventLoopCount => loops.Length;

    public void ReadCpuNanoseconds(Span<long> cpuNanoseconds)
    {
        for (var i = 0; i < loops.Length; i++)
        {
            cpuNanoseconds[i] = loops[i].CpuNanoseconds;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Awaiting code resumes on the loop that completed its request, so the last await before disposal may leave the caller
        // on a loop thread, which cannot wait for itself to stop: hand the shutdown to a pool thread then.
        if (Http1EventLoop.Current is not null)
        {
            await Task.Run(StopLoops).ConfigureAwait(false);
            return;
        }

        StopLoops();
    }

    private void StopLoops()
    {
        foreach (var loop in loops)
        {
            loop.Dispose();
        }
    }

    /// <summary>A count every loop keeps for its own connections, over all the loops.</summary>
    private long SumOverLoops(Func<Http1EventLoop, long> count)
    {
        long sum = 0;
        foreach (var loop in loops)
        {
            sum += count(loop);
        }

        return sum;
    }

    /// <summary>A request that never left: recorded as <paramref name="kind"/>, with its message kept if it is the first of its kind.</summary>
    private TransportResult Refused(ErrorKind kind, string reason, ExchangeRequest request)
    {
        if (Examples.Wants(kind))
        {
            Examples.Offer(kind, Http1Endpoints.Message(kind, reason, request));
        }

        var now = Stopwatch.GetTimestamp();
        return new TransportResult(0, kind, now, now, 0, 0);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Pacer.Core.Plans;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The lean HTTP/1.1 transport for <c>http://</c> targets on Linux: event loops that own their connections (epoll over
/// non-blocking sockets), requests encoded once at plan load, an incremental allocation-free response parser, and exchanges
/// awaited without allocation. Bodies of the plan's requests are counted and discarded; a scenario's steps, rendered by their
/// virtual users into buffers they reuse, keep their response headers and body in the user's <see cref="FlowResponse"/> for
/// checks and extractions. TLS and HTTP/2 go through <see cref="HttpClientTransport"/>.
/// </summary>
internal sealed class Http1Transport : ITransport, IScheduledFlowTransport, IScheduledTransport, IEventLoopLoad, IConnectionCount
{
    private readonly Http1RequestTable table;
    private readonly Http1FlowEndpoints flowEndpoints;
    private readonly ConcurrentQueue<Http1Exchange> exchanges = new();
    private readonly Http1EventLoop[] loops;
    private int nextLoop;

    public Http1Transport(IReadOnlyList<RequestSpec> requests, int loopCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(loopCount, 1);
        table = new Http1RequestTable(requests);
        flowEndpoints = new Http1FlowEndpoints(table.Endpoints);
        loops = [.. Enumerable.Range(0, loopCount).Select(i => new Http1EventLoop(this, i, table.EndpointCount))];
        Name = $"pacer-http1/epoll×{loopCount}";
    }

    /// <summary>Whether this machine can run the event loops (they need Linux's epoll); elsewhere the lean transport is <see cref="SocketHttp1Transport"/>.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    public string Name { get; }

    public long ConnectionsOpened
    {
        get
        {
            long count = 0;
            foreach (var loop in loops)
            {
                count += loop.ConnectionsOpened;
            }

            return count;
        }
    }

    /// <summary>The first message seen for each kind of failure; written by the loops.</summary>
    internal FirstErrorExamples Examples { get; } = new();

    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples => Examples.Snapshot();

    public ValueTask<TransportResult> SendAsync(RequestSpec request, CancellationToken cancellationToken) =>
        SendAtAsync(request, 0, cancellationToken);

    /// <summary>The loop holds the exchange until <paramref name="notBeforeTicks"/> and writes it with whatever else is due then.</summary>
    public ValueTask<TransportResult> SendAtAsync(RequestSpec request, long notBeforeTicks, CancellationToken cancellationToken)
    {
        if (!table.TryGet(request, out var wire))
        {
            return ValueTask.FromResult(DnsFailure(table.Unresolved(request)));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!exchanges.TryDequeue(out var exchange))
        {
            exchange = new Http1Exchange(exchanges);
        }

        // The timeout runs from when the request may go out, not from when it was handed over.
        var deadline = Math.Max(Stopwatch.GetTimestamp(), notBeforeTicks) + (long)(request.Timeout.TotalSeconds * Stopwatch.Frequency);
        var pending = exchange.Start(wire, notBeforeTicks, deadline, cancellationToken);
        PickLoop().Submit(exchange);
        return pending;
    }

    /// <summary>
    /// Sends a flow step's request: frames its rendered parts in the user's wire buffer, finds the endpoint of its host (resolved
    /// once), and keeps the response in <paramref name="response"/>. An https:// URL or a host that does not resolve is refused
    /// (see <see cref="Http1FlowEndpoints"/>).
    /// </summary>
    public ValueTask<TransportResult> ExchangeAsync(FlowRequest request, FlowResponse response, CancellationToken cancellationToken) =>
        ExchangeAtAsync(request, response, 0, cancellationToken);

    /// <summary>
    /// A flow step's request written no earlier than <paramref name="notBeforeTicks"/>: the loop holds it until then (a step after
    /// a think time), as it holds the open model's arrivals.
    /// </summary>
    public ValueTask<TransportResult> ExchangeAtAsync(FlowRequest request, FlowResponse response, long notBeforeTicks, CancellationToken cancellationToken)
    {
        if (flowEndpoints.Find(request, out var refusal, out var reason) is not { } endpoint)
        {
            return ValueTask.FromResult(Refused(refusal, reason!));
        }

        cancellationToken.ThrowIfCancellationRequested();
        request.EncodeHttp1();
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

    private TransportResult DnsFailure(string message) => Refused(ErrorKind.Dns, message);

    /// <summary>A request that never left: recorded as <paramref name="kind"/>, with its message kept if it is the first of its kind.</summary>
    private TransportResult Refused(ErrorKind kind, string message)
    {
        if (Examples.Wants(kind))
        {
            Examples.Offer(kind, message);
        }

        var now = Stopwatch.GetTimestamp();
        return new TransportResult(0, kind, now, now, 0, 0);
    }
}

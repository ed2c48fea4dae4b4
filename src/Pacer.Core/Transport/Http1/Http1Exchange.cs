using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// One request in flight on the lean transport, awaited as a <see cref="ValueTask{TResult}"/> with no allocation: exchanges are
/// pooled, and the event loop completes them inline on its own thread, so the awaiting virtual user continues right there and
/// sends its next request without a thread hop (the way wrk's loop works, written as ordinary async code).
/// </summary>
internal sealed class Http1Exchange : IValueTaskSource<TransportResult>
{
    private readonly ConcurrentQueue<Http1Exchange> pool;
    private ManualResetValueTaskSourceCore<TransportResult> core;

    public Http1Exchange(ConcurrentQueue<Http1Exchange> pool)
    {
        this.pool = pool;
        core.RunContinuationsAsynchronously = false;
    }

    public EncodedRequest Request { get; private set; } = null!;

    public CancellationToken Cancellation { get; private set; }

    /// <summary>Stopwatch tick after which the request is a timeout.</summary>
    public long DeadlineTicks { get; private set; }

    /// <summary>When the request's first byte was written (0 until then).</summary>
    public long SendTicks { get; set; }

    /// <summary>Response bytes read so far.</summary>
    public long BytesReceived { get; set; }

    /// <summary>True once the request was retried on a fresh connection after a stale keep-alive one closed under it.</summary>
    public bool Retried { get; set; }

    public ValueTask<TransportResult> Start(EncodedRequest request, long deadlineTicks, CancellationToken cancellationToken)
    {
        core.Reset();
        Request = request;
        DeadlineTicks = deadlineTicks;
        Cancellation = cancellationToken;
        SendTicks = 0;
        BytesReceived = 0;
        Retried = false;
        return new ValueTask<TransportResult>(this, core.Version);
    }

    /// <summary>Completes the exchange; the awaiting code may run inline before this returns.</summary>
    public void Complete(in TransportResult result) => core.SetResult(result);

    /// <summary>The run was cancelled under the request.</summary>
    public void Cancel() => core.SetException(new OperationCanceledException(Cancellation));

    public TransportResult GetResult(short token)
    {
        try
        {
            return core.GetResult(token);
        }
        finally
        {
            Request = null!;
            Cancellation = default;
            pool.Enqueue(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        core.OnCompleted(continuation, state, token, flags);
}

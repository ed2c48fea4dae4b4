using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
namespace Pacer.Core.Transport.Http1;

/// <summary>
/// One request in flight on the lean transport, awaited as a <see cref="ValueTask{TResult}"/> with no allocation: exchanges are
/// pooled, and the event loop completes them inline on its own thread, so the awaiting virtual user continues right there and
/// sends its next request without a thread hop (the way wrk's loop works, written as ordinary async code). The request is
/// a request mix's, framed once at load, or a scenario step's, framed by its virtual user for this send; a step's response is
/// kept in the user's <see cref="ExchangeResponse"/>, a mix request's is counted and discarded.
/// </summary>
internal sealed class Http1Exchange : IValueTaskSource<TransportResult>
{
    private readonly ConcurrentQueue<Http1Exchange> pool;
    private ManualResetValueTaskSourceCore<TransportResult> core;
    private ExchangeRequest? request;

    public Http1Exchange(ConcurrentQueue<Http1Exchange> pool)
    {
        this.pool = pool;
        core.RunContinuationsAsynchronously = false;
    }

    public Http1Endpoint Endpoint { get; private set; } = null!;

    /// <summary>The request's wire bytes: <see cref="Length"/> bytes from the start.</summary>
    public byte[] Bytes { get; private set; } = [];

    public int Length { get; private set; }

    /// <summary>HEAD responses carry no body whatever their headers say.</summary>
    public bool IsHead { get; private set; }

    public TimeSpan Timeout { get; private set; }

    /// <summary>Where a flow step's response headers and body go; null for a plain request, whose body is discarded.</summary>
    public ExchangeResponse? Capture { get; private set; }

    public CancellationToken Cancellation { get; private set; }

    /// <summary>
    /// Stopwatch tick before which the request must not be written (0: at once). An open-model arrival is handed over ahead of
    /// its intended time and the loop holds it until then, so one dispatcher wake-up can hand over many; a flow step after a
    /// think time is handed over when the think begins and held until it ends.
    /// </summary>
    public long NotBeforeTicks { get; private set; }

    /// <summary>Stopwatch tick after which the request is a timeout.</summary>
    public long DeadlineTicks { get; private set; }

    /// <summary>When the request's first byte was written (0 until then).</summary>
    public long SendTicks { get; set; }

    /// <summary>Response bytes read so far.</summary>
    public long BytesReceived { get; set; }

    /// <summary>True once the request was retried on a fresh connection after a stale keep-alive one closed under it.</summary>
    public bool Retried { get; set; }

    /// <summary>Starts sending <paramref name="exchangeRequest"/>'s wire bytes to <paramref name="endpoint"/>; the response goes into <paramref name="response"/> when given.</summary>
    public ValueTask<TransportResult> Start(ExchangeRequest exchangeRequest, Http1Endpoint endpoint, ExchangeResponse? response, long notBeforeTicks, long deadlineTicks, CancellationToken cancellationToken)
    {
        core.Reset();
        request = exchangeRequest;
        Capture = response;
        Endpoint = endpoint;
        Bytes = exchangeRequest.WireArray;
        Length = exchangeRequest.WireLength;
        IsHead = exchangeRequest.IsHead;
        Timeout = exchangeRequest.Timeout;
        NotBeforeTicks = notBeforeTicks;
        DeadlineTicks = deadlineTicks;
        Cancellation = cancellationToken;
        SendTicks = 0;
        BytesReceived = 0;
        Retried = false;
        return new ValueTask<TransportResult>(this, core.Version);
    }

    /// <summary>"METHOD url" (and the step's name for a flow), for error messages; allocates, so only for the first of a kind.</summary>
    public string Describe() => request!.Describe();

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
            request = null;
            Capture = null;
            Endpoint = null!;
            Bytes = [];
            Cancellation = default;
            pool.Enqueue(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        core.OnCompleted(continuation, state, token, flags);
}

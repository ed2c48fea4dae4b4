using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Timing;

/// <summary>
/// A transport to a server that exists only as arithmetic on a <see cref="SteppedTime"/>: a request sent at a time (counted
/// from the first request's send, the schedule's time zero) is answered when <c>answerAt</c> says, and its connection stays
/// busy until then — the response is completed by a timer of the fake clock, so the engine waits for it as for a real one.
/// Its timestamps are data on the fake clock; it counts what it received and what is still unanswered.
/// </summary>
internal sealed class SimulatedServerTransport(SteppedTime time, Func<TimeSpan, TimeSpan> answerAt) : ITransport
{
    private readonly TickSource ticks = TickSource.For(time);
    private readonly Lock gate = new();
    private long firstSend = -1;
    private int received;
    private int inFlight;

    /// <summary>
    /// Requests received and still unanswered, read together: a request is counted only once its answer is on the clock, so a
    /// driver that sees the counts never moves the time past an answer it does not know about.
    /// </summary>
    public (int Received, int InFlight) Counts
    {
        get
        {
            lock (gate)
            {
                return (received, inFlight);
            }
        }
    }

    public string Name => "simulated";

    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

    public TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities();

    public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
    {
        TransportContract.EnsureNotHeld(this, notBeforeTicks);
        return Exchange(ticks.Now, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Sends at <paramref name="sendTicks"/> (now, or later for a request held until its time).</summary>
    private ValueTask<TransportResult> Exchange(long sendTicks, CancellationToken cancellationToken)
    {
        long end;
        lock (gate)
        {
            if (firstSend < 0)
            {
                firstSend = sendTicks;
            }

            end = firstSend + TickSource.ToTicks(answerAt(TickSource.FromTicks(sendTicks - firstSend)));
        }

        var result = new TransportResult(200, ErrorKind.None, sendTicks, end, 20, 40);
        var wait = end - ticks.Now;
        ValueTask<TransportResult> answered;
        if (wait <= 0)
        {
            answered = ValueTask.FromResult(result);
            lock (gate)
            {
                received++;
            }
        }
        else
        {
            // The answer goes on the clock before the request is counted (and outside this lock: the clock fires answers
            // under its own lock, and they take this one). Until it is counted the driver cannot move the time, since an
            // arrival released is not yet received and this connection is not yet busy.
            var answer = new TaskCompletionSource<TransportResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            var timer = time.CreatePeerTimer(_ => Settle(answer, result), null, TickSource.FromTicks(wait));
            _ = answer.Task.ContinueWith(_ => timer.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            lock (gate)
            {
                received++;
                inFlight++;
            }

            cancellationToken.UnsafeRegister(_ => Settle(answer, null), null);
            answered = new ValueTask<TransportResult>(answer.Task);
        }

        time.Changed.Set();
        return answered;
    }

    /// <summary>Answers (or, with no result, cancels) one request, once.</summary>
    private void Settle(TaskCompletionSource<TransportResult> answer, TransportResult? result)
    {
        lock (gate)
        {
            if (answer.Task.IsCompleted)
            {
                return;
            }

            inFlight--;
            if (result is { } r)
            {
                answer.SetResult(r);
            }
            else
            {
                answer.SetCanceled();
            }
        }

        time.Changed.Set();
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// One virtual user's iteration in progress, awaited as a <see cref="ValueTask{TResult}"/> without allocating: the user owns
/// this object for its life, and it steps through the scenario by hand (its place in the steps is a small stack of frames,
/// one per open group) instead of through nested async methods, whose state machines would be allocated on every call in a
/// build without optimisation and are a pooling gamble in one with it. When the transport completes inline, as the lean
/// event loops do, the next request is rendered and sent on the loop's thread without a hop. A pause (think time, pacing)
/// is a wake-up from the runner's <see cref="IStepClock"/>, which never comes early, or, for a request after a think on a
/// transport that can hold it (<see cref="TransportCapabilities.HoldsScheduledExchanges"/>), no wake-up at all: the transport writes it at its time.
/// </summary>
internal sealed class FlowIteration : IValueTaskSource<bool>, IStepWake
{
    private readonly Action onExchanged;
    private readonly Action onSocketDone;
    private TaskAwaiter<bool> socketStep;
    private ManualResetValueTaskSourceCore<bool> core;
    private ValueTaskAwaiter<TransportResult> exchange;
    private FlowRunner runner = null!;
    private IReadOnlyList<FlowStep>[] frameSteps = new IReadOnlyList<FlowStep>[4];
    private int[] frameNext = new int[4];
    private long[] frameStart = new long[4];
    private GroupStep?[] frameGroup = new GroupStep?[4];

    public FlowIteration()
    {
        core.RunContinuationsAsynchronously = false;
        onExchanged = OnExchanged;
        onSocketDone = OnSocketDone;
    }

    public VirtualUser User { get; private set; } = null!;

    public CancellationToken Cancellation { get; private set; }

    /// <summary>Where the iteration is: not begun, walking its steps, ending (pacing), or done.</summary>
    public FlowPhase Phase { get; set; }

    /// <summary>The scenario this iteration runs.</summary>
    public ScenarioSpec Scenario { get; set; } = null!;

    /// <summary>The iteration's number and intended start, as the scheduler gave them.</summary>
    public long Number { get; private set; }

    public long IntendedTicks { get; private set; }

    /// <summary>The request step sent and awaiting its response.</summary>
    public RequestStep? Pending { get; set; }

    /// <summary>The WebSocket step to run next (<see cref="FlowAction.Socket"/>); null then means: close the iteration's sockets.</summary>
    public SocketStep? PendingSocket { get; set; }

    /// <summary>The sockets this iteration opened were closed at its end (they are closed once).</summary>
    public bool SocketsClosed { get; set; }

    /// <summary>The Stopwatch tick to wait for before stepping on (think time before a step, a trailing think, pacing).</summary>
    public long WaitUntilTicks { get; set; }

    /// <summary>
    /// The earliest Stopwatch tick the next request may be sent at: the iteration's intended start, then the end of a think
    /// time; 0 once a request was sent (the next one's intended start is that one's end, already past).
    /// </summary>
    public long NotBeforeTicks { get; set; }

    /// <summary>Set when the pending request is to be handed to the transport now and written by it at this tick (0: at once).</summary>
    public long SendAtTicks { get; set; }

    /// <summary>
    /// The tick the iteration waited for at its end (pacing, or a think after its last request), or 0 when it did not wait:
    /// the closed model's next iteration of this user was meant to start then, not when the wake-up came.
    /// </summary>
    public long ResumeTicks { get; set; }

    /// <summary>When the pending request was handed to the transport (the end of the generator's part, for its lag).</summary>
    public long HandedOverTicks { get; private set; }

    /// <summary>True when the pending request was handed over to be held by the transport until its time.</summary>
    public bool Held { get; private set; }

    /// <summary>Requests this iteration has sent so far.</summary>
    public int Sent { get; set; }

    CancellationToken IStepWake.WakeCancellation => Cancellation;

    /// <summary>The result once <see cref="FlowPhase.Done"/>: false when no more iterations should start.</summary>
    public bool KeepRunning { get; set; }

    /// <summary>The request bound was reached mid-iteration: no pacing wait, and no more iterations.</summary>
    public bool StopRun { get; set; }

    /// <summary>Open groups plus the scenario's own steps.</summary>
    public int Depth { get; private set; }

    public ValueTask<bool> Start(FlowRunner owner, VirtualUser user, long number, long intendedTicks, CancellationToken cancellationToken)
    {
        core.Reset();
        var pending = new ValueTask<bool>(this, core.Version);
        runner = owner;
        User = user;
        Number = number;
        IntendedTicks = intendedTicks;
        Cancellation = cancellationToken;
        Phase = FlowPhase.NotStarted;
        Pending = null;
        PendingSocket = null;
        SocketsClosed = false;
        NotBeforeTicks = 0;
        SendAtTicks = 0;
        ResumeTicks = 0;
        Sent = 0;
        StopRun = false;
        KeepRunning = true;
        Depth = 0;
        Advance();
        return pending;
    }

    /// <summary>Enters a list of steps (the scenario's, or a group's starting at <paramref name="startTicks"/>).</summary>
    public void Push(IReadOnlyList<FlowStep> steps, GroupStep? group, long startTicks)
    {
        if (Depth == frameSteps.Length)
        {
            Array.Resize(ref frameSteps, Depth * 2);
            Array.Resize(ref frameNext, Depth * 2);
            Array.Resize(ref frameStart, Depth * 2);
            Array.Resize(ref frameGroup, Depth * 2);
        }

        frameSteps[Depth] = steps;
        frameNext[Depth] = 0;
        frameStart[Depth] = startTicks;
        frameGroup[Depth] = group;
        Depth++;
    }

    /// <summary>Puts back the step <see cref="NextStep"/> just returned, so it is taken again after a wait.</summary>
    public void StepBack() => frameNext[Depth - 1]--;

    /// <summary>The next step of the innermost open list, or null when that list is finished.</summary>
    public FlowStep? NextStep()
    {
        var top = Depth - 1;
        var steps = frameSteps[top];
        return frameNext[top] < steps.Count ? steps[frameNext[top]++] : null;
    }

    /// <summary>Leaves the innermost list; returns its group (null for the scenario's own steps) and when it was meant to start.</summary>
    public GroupStep? Pop(out long startTicks)
    {
        Depth--;
        startTicks = frameStart[Depth];
        var group = frameGroup[Depth];
        frameSteps[Depth] = null!;
        frameGroup[Depth] = null;
        return group;
    }

    public bool GetResult(short token) => core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        core.OnCompleted(continuation, state, token, flags);

    /// <summary>Steps on until the iteration must wait (a response, a pause) or is done.</summary>
    private void Advance()
    {
        try
        {
            while (true)
            {
                switch (runner.Next(this))
                {
                    case FlowAction.Send:
                        var at = SendAtTicks;
                        SendAtTicks = 0;
                        Held = at != 0;
                        HandedOverTicks = runner.Clock.Now;
                        var sent = runner.Transport.ExchangeAsync(User.Request.Encode(), User.Response, at, Cancellation);
                        if (sent.IsCompleted)
                        {
                            runner.Received(this, sent.Result);
                            continue;
                        }

                        exchange = sent.GetAwaiter();
                        exchange.UnsafeOnCompleted(onExchanged);
                        return;
                    case FlowAction.Socket:
                        // A WebSocket step is an ordinary task (it allocates; sockets are not the request hot path).
                        var step = runner.Sockets!.RunAsync(this, PendingSocket);
                        PendingSocket = null;
                        if (step.IsCompleted)
                        {
                            runner.SocketStepDone(this, step.GetAwaiter().GetResult());
                            continue;
                        }

                        socketStep = step.GetAwaiter();
                        socketStep.UnsafeOnCompleted(onSocketDone);
                        return;
                    case FlowAction.Wait:
                        if (WaitUntilTicks <= runner.Clock.Now)
                        {
                            continue;
                        }

                        Cancellation.ThrowIfCancellationRequested();

                        // Resumed by the clock on the thread pool (Execute), at or after the tick, never before.
                        runner.Clock.WakeAt(WaitUntilTicks, this);
                        return;
                    default:
                        core.SetResult(KeepRunning);
                        return;
                }
            }
        }
        catch (Exception e)
        {
            // A cancelled run (or a bug) ends the iteration: the awaiting caller gets the exception, as from an async method.
            runner.ExchangeFailed(this, e);
            core.SetException(e);
        }
    }

    private void OnExchanged()
    {
        try
        {
            var result = exchange.GetResult();
            exchange = default;
            runner.Received(this, result);
        }
        catch (Exception e)
        {
            // As in Advance: the awaiting caller sees the failure.
            exchange = default;
            runner.ExchangeFailed(this, e);
            core.SetException(e);
            return;
        }

        Advance();
    }

    private void OnSocketDone()
    {
        try
        {
            var keepGoing = socketStep.GetResult();
            socketStep = default;
            runner.SocketStepDone(this, keepGoing);
        }
        catch (Exception e)
        {
            // As in OnExchanged: the run's cancellation (or a bug) ends the iteration for the awaiting caller.
            socketStep = default;
            core.SetException(e);
            return;
        }

        Advance();
    }

    /// <summary>The clock's wake-up after a pause: step on, or end the iteration when the run was cancelled meanwhile.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        if (Cancellation.IsCancellationRequested)
        {
            core.SetException(new OperationCanceledException(Cancellation));
            return;
        }

        Advance();
    }
}

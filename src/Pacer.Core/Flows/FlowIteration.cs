using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// One virtual user's iteration in progress, awaited as a <see cref="ValueTask{TResult}"/> without allocating: the user owns
/// this object for its life, and it steps through the scenario by hand (its place in the steps is a small stack of frames,
/// one per open group) instead of through nested async methods, whose state machines would be allocated on every call in a
/// build without optimisation and are a pooling gamble in one with it. When the transport completes inline, as the lean
/// event loops do, the next request is rendered and sent on the loop's thread without a hop.
/// </summary>
internal sealed class FlowIteration : IValueTaskSource<bool>
{
    private readonly Action onExchanged;
    private readonly Action onWaited;
    private ManualResetValueTaskSourceCore<bool> core;
    private ValueTaskAwaiter<TransportResult> exchange;
    private TaskAwaiter delay;
    private FlowRunner runner = null!;
    private IReadOnlyList<FlowStep>[] frameSteps = new IReadOnlyList<FlowStep>[4];
    private int[] frameNext = new int[4];
    private long[] frameStart = new long[4];
    private GroupStep?[] frameGroup = new GroupStep?[4];

    public FlowIteration()
    {
        core.RunContinuationsAsynchronously = false;
        onExchanged = OnExchanged;
        onWaited = OnWaited;
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

    /// <summary>How long to wait before stepping on (a think step, or pacing).</summary>
    public TimeSpan Wait { get; set; }

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
                        var sent = runner.Transport.ExchangeAsync(User.Request, User.Response, Cancellation);
                        if (sent.IsCompleted)
                        {
                            runner.Received(this, sent.Result);
                            continue;
                        }

                        exchange = sent.GetAwaiter();
                        exchange.UnsafeOnCompleted(onExchanged);
                        return;
                    case FlowAction.Wait:
                        var paused = Task.Delay(Wait, Cancellation);
                        if (paused.IsCompleted)
                        {
                            paused.GetAwaiter().GetResult();
                            continue;
                        }

                        delay = paused.GetAwaiter();
                        delay.UnsafeOnCompleted(onWaited);
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

    private void OnWaited()
    {
        try
        {
            delay.GetResult();
            delay = default;
        }
        catch (Exception e)
        {
            // As in Advance: the awaiting caller sees the failure (a cancelled pause).
            delay = default;
            core.SetException(e);
            return;
        }

        Advance();
    }
}

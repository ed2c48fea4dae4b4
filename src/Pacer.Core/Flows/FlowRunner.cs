using System.Collections.Concurrent;
using System.Diagnostics;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Recording;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// Runs one iteration of a scenario for a virtual user: picks the scenario and its data row (<see cref="ScenarioPicker"/>),
/// walks its steps, renders each request step (<see cref="StepRenderer"/>), has it sent (<see cref="FlowIteration"/> holds the
/// transport calls), records it against its intended start, hands the response to the step's cookies, extractions, checks and
/// records (<see cref="StepResponseHandler"/>), and pauses for think steps. One runner is made per run (per lane): it and
/// its helpers hold everything the run changes, the plan nothing. The intended start of a step is the
/// end of the previous one plus its think time, so a stall in step 1 is charged to step 1 and does not hide in step 2.
/// </summary>
/// <remarks>
/// <para>
/// A step is never sent before its intended start: after a think time it is held by the transport until then
/// (<see cref="TransportCapabilities.HoldsScheduledExchanges"/>) or the user is woken by the <see cref="IStepClock"/>, which never wakes early; how
/// late it was handed over (or, held by the transport, written) after its intended start is the generator's lag, reported
/// through <see cref="RecordLag"/>.
/// </para>
/// Nothing here allocates per request: each virtual user renders into its own request buffers, the transport fills its own
/// response buffers, the user's <see cref="FlowIteration"/> is the awaitable (no async state machine per call), and the plan's
/// lists are walked by index (a <c>foreach</c> over an <see cref="IReadOnlyList{T}"/> would box an enumerator every time).
/// </remarks>
internal sealed class FlowRunner
{
    private readonly ScenarioPicker picker;
    private readonly ITransport transport;
    private readonly RunRecorder recorder;
    private readonly StepSlots slots;
    private readonly StepResponseHandler responses;
    private readonly Func<bool> tryClaimRequest;

    public FlowRunner(IReadOnlyList<ScenarioSpec> scenarios, ITransport transport, RunRecorder recorder, Func<bool> tryClaimRequest, IStepClock? clock = null)
    {
        this.transport = transport;
        Holding = transport.Capabilities.HoldsScheduledExchanges;
        Clock = clock ?? Timing.PreciseTimer.Shared;
        this.recorder = recorder;
        this.tryClaimRequest = tryClaimRequest;

        // Everything a run changes is made here, per run: the plan's scenarios are read-only data.
        picker = new ScenarioPicker(scenarios);
        slots = new StepSlots(scenarios, recorder);
        responses = new StepResponseHandler(slots, recorder.Checks, new CustomMetricFeed(recorder.Custom, Errors), Errors);
        if (scenarios.Any(s => ScenarioSteps.AllSocketSteps(s.Steps).Any()))
        {
            Sockets = new SocketStepRunner(recorder, responses, Errors, Clock, steps: scenarios.SelectMany(s => ScenarioSteps.AllSocketSteps(s.Steps))) { RecordLag = lag => RecordLag?.Invoke(lag) };
        }
    }

    /// <summary>Runs the WebSocket steps; null when the scenarios have none.</summary>
    public SocketStepRunner? Sockets { get; }

    /// <summary>Accept any server certificate on wss:// (the plan's <c>insecure_skip_tls_verify</c>).</summary>
    public bool SkipCertificateValidation
    {
        init
        {
            if (Sockets is not null)
            {
                Sockets.SkipCertificateValidation = value;
            }
        }
    }

    private long iterations;
    private readonly ConcurrentDictionary<string, byte> exhausted = new(StringComparer.Ordinal);

    /// <summary>Iterations started so far.</summary>
    public long Iterations => Interlocked.Read(ref iterations);

    /// <summary>Script failures seen so far.</summary>
    public ScriptErrors Errors { get; } = new();

    /// <summary>The scenarios whose unique data ran out (every row used once), so they stopped before the plan's end.</summary>
    public IReadOnlyList<string> ExhaustedScenarios => [.. exhausted.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The transport the iterations send through.</summary>
    public ITransport Transport => transport;

    /// <summary>Whether the transport can hold a step's request until its intended start.</summary>
    public bool Holding { get; }

    /// <summary>What the iterations wait by.</summary>
    public IStepClock Clock { get; }

    /// <summary>
    /// Receives each step's generator lag in Stopwatch ticks: when it was handed to the transport (for a step the transport held
    /// until its time: when it was written) less its intended start. A step's intended start is the previous step's end, plus
    /// any think time; the first step's is the iteration's.
    /// </summary>
    public Action<long>? RecordLag { get; init; }

    /// <summary>
    /// True when the lane records the lag of an iteration's first step itself (the open model: how late its arrival was taken,
    /// without the wait for a free virtual user, which is queueing); that step is then not recorded again here.
    /// </summary>
    public bool FirstStepLagRecordedByLane { get; init; }

    /// <summary>
    /// Runs one iteration for <paramref name="user"/> starting at <paramref name="intendedTicks"/>. Returns false when no more
    /// iterations should start: every scenario's unique data is used up, or the run's request bound was reached. Awaiting it
    /// allocates nothing: the user's own <see cref="FlowIteration"/> is the awaitable.
    /// </summary>
    public ValueTask<bool> RunIterationAsync(VirtualUser user, long iteration, long intendedTicks, CancellationToken cancellationToken) =>
        user.Run.Start(this, user, iteration, intendedTicks, cancellationToken);

    /// <summary>
    /// Steps <paramref name="it"/> on to what it must do next: render and claim a request (<see cref="FlowAction.Send"/>), pause
    /// for think time or pacing (<see cref="FlowAction.Wait"/>), or finish (<see cref="FlowAction.Done"/>).
    /// </summary>
    internal FlowAction Next(FlowIteration it)
    {
        while (true)
        {
            switch (it.Phase)
            {
                case FlowPhase.NotStarted:
                    if (!TryBegin(it))
                    {
                        it.Phase = FlowPhase.Done;
                        return FlowAction.Done;
                    }

                    break;
                case FlowPhase.Steps:
                    if (NextInSteps(it) is { } action)
                    {
                        return action;
                    }

                    break;
                case FlowPhase.Ending:
                    if (!it.SocketsClosed && it.User.Sockets.AnyIterationScoped)
                    {
                        // The sockets the iteration opened close with it, before any pacing wait.
                        it.SocketsClosed = true;
                        it.PendingSocket = null;
                        return FlowAction.Socket;
                    }

                    it.Phase = FlowPhase.Done;
                    if (it.StopRun)
                    {
                        it.KeepRunning = false;
                        return FlowAction.Done;
                    }

                    // A think after the last request still holds the user; pacing: the next iteration of this user starts one
                    // pacing period after this one was meant to start.
                    var resume = it.NotBeforeTicks;
                    if (it.Scenario.Pacing is { } pacing)
                    {
                        resume = Math.Max(resume, it.IntendedTicks + (long)(pacing.TotalSeconds * Stopwatch.Frequency));
                    }

                    if (resume > Clock.Now)
                    {
                        it.ResumeTicks = resume;
                        it.WaitUntilTicks = resume;
                        return FlowAction.Wait;
                    }

                    return FlowAction.Done;
                default:
                    return FlowAction.Done;
            }
        }
    }

    /// <summary>Picks the scenario and its data row; false (with <see cref="FlowIteration.KeepRunning"/> set) when none can run.</summary>
    private bool TryBegin(FlowIteration it)
    {
        var user = it.User;
        var index = picker.Pick(user.Random);
        if (index < 0)
        {
            it.KeepRunning = false;
            return false;
        }

        var scenario = picker[index];
        if (!picker.TryTakeRow(index, out var row))
        {
            // Unique rows ran out: this scenario ends cleanly, which is the end of its data, not a failure of the script; the
            // others (if any) carry on.
            exhausted.TryAdd(scenario.Name, 0);
            it.KeepRunning = picker.Pick(user.Random) >= 0;
            return false;
        }

        Interlocked.Increment(ref iterations);
        recorder.RecordIteration();
        user.Begin(scenario, it.Number, row);
        user.NextIntendedTicks = it.IntendedTicks;
        it.NotBeforeTicks = it.IntendedTicks;
        it.Scenario = scenario;
        it.Push(scenario.Steps, null, it.IntendedTicks);
        it.Phase = FlowPhase.Steps;
        return true;
    }

    /// <summary>Walks the steps to the next send or pause; null when the phase changed (the steps are over or cut short).</summary>
    private FlowAction? NextInSteps(FlowIteration it)
    {
        var user = it.User;
        while (true)
        {
            if (it.NextStep() is not { } step)
            {
                if (it.Depth == 1)
                {
                    it.Phase = FlowPhase.Ending;
                    return null;
                }

                var group = it.Pop(out var groupStart)!;
                recorder.Groups.Record(slots.Group(group), (long)Stopwatch.GetElapsedTime(groupStart, user.NextIntendedTicks).TotalMicroseconds);
                continue;
            }

            // A request not yet due that the transport cannot hold (or that renders ${now}, so must be rendered at its time):
            // wait for its time first, then take the step again (its probability is drawn once, after the wait).
            if (((step is RequestStep due && (!Holding || due.ReadsClock)) || step is SocketStep) && it.NotBeforeTicks > Clock.Now)
            {
                it.StepBack();
                it.WaitUntilTicks = it.NotBeforeTicks;
                return FlowAction.Wait;
            }

            if (step.Probability < 1 && user.Random.NextDouble() >= step.Probability)
            {
                continue;
            }

            switch (step)
            {
                case ThinkStep think:
                    // No wait here: the next request is held until this time (or the user woken then), and a think with no
                    // request after it holds the user at the iteration's end.
                    user.NextIntendedTicks += (long)(think.Draw(user.Random).TotalSeconds * Stopwatch.Frequency);
                    it.NotBeforeTicks = user.NextIntendedTicks;
                    break;
                case GroupStep group:
                    it.Push(group.Steps, group, user.NextIntendedTicks);
                    break;
                case SocketStep socket:
                    it.PendingSocket = socket;
                    return FlowAction.Socket;
                case RequestStep request:
                    if (!TryPrepare(it, request))
                    {
                        // A group cut short is not a group duration: it would report an unfinished journey as a fast one.
                        it.Phase = FlowPhase.Ending;
                        return null;
                    }

                    it.Pending = request;
                    it.SendAtTicks = it.NotBeforeTicks > Clock.Now ? it.NotBeforeTicks : 0;
                    return FlowAction.Send;
            }
        }
    }

    /// <summary>Renders <paramref name="step"/> and claims a request from the run's bound; false when the iteration ends here.</summary>
    private bool TryPrepare(FlowIteration it, RequestStep step)
    {
        try
        {
            if (!StepRenderer.TryRender(it.Scenario, step, it.User, out var kind, out var problem))
            {
                Errors.Report(step.Location, step.Name, kind, problem);
                return false;
            }
        }
        catch (TemplateRenderException e)
        {
            Errors.Report(step.Location, step.Name, "template", e.Message);
            return false;
        }

        if (!tryClaimRequest())
        {
            it.StopRun = true;
            return false;
        }

        return true;
    }

    /// <summary>A WebSocket step is done: the iteration goes on, or (false) ends here.</summary>
    internal void SocketStepDone(FlowIteration it, bool keepGoing)
    {
        if (!keepGoing && it.Phase == FlowPhase.Steps)
        {
            it.Phase = FlowPhase.Ending;
        }
    }

    /// <summary>Closes the sockets <paramref name="user"/> still holds, when it leaves the run (see <see cref="SocketStepRunner.EndUserAsync"/>).</summary>
    public Task EndUserAsync(VirtualUser user, CancellationToken cancellationToken) =>
        Sockets is null ? Task.CompletedTask : Sockets.EndUserAsync(user, cancellationToken);

    /// <summary>
    /// The exchange of the pending step ended by an exception. When it is the run's cancellation at the end of the grace
    /// period, the step was sent and never answered: it is recorded as abandoned (a failure, its wait so far a lower bound on
    /// its latency). Not the hot path: once per step in flight at cancellation.
    /// </summary>
    internal void ExchangeFailed(FlowIteration it, Exception exception)
    {
        if (exception is OperationCanceledException && it.Pending is { } step)
        {
            it.Pending = null;
            recorder.RecordAbandoned(step.MetricIndex, it.User.NextIntendedTicks, Clock.Now);
        }
    }

    /// <summary>
    /// Records the pending step's exchange against its intended start and the generator's lag, moves the iteration's clock to
    /// its end, and hands the response to the step's cookies, extractions, checks and records (<see cref="StepResponseHandler"/>).
    /// </summary>
    internal void Received(FlowIteration it, in TransportResult result)
    {
        var user = it.User;
        var step = it.Pending!;
        it.Pending = null;
        user.Response.Result = result;
        var intended = user.NextIntendedTicks;
        recorder.RecordRequest(step.MetricIndex, intended, result);
        if (RecordLag is { } lag && (it.Sent > 0 || !FirstStepLagRecordedByLane))
        {
            // The generator's part ends when it hands the request over (what the transport does then, such as opening a
            // connection, is not its lateness), or, for a request the transport held until its time, when it was written.
            lag((it.Held ? result.SendTicks : it.HandedOverTicks) - intended);
        }

        it.Sent++;
        it.NotBeforeTicks = 0;
        user.NextIntendedTicks = result.EndTicks;
        if (result.Status == 0)
        {
            // No response at all: nothing to check or extract, and later steps would run on missing data.
            it.Phase = FlowPhase.Ending;
            return;
        }

        if (!responses.Handle(it.Scenario, step, user, Stopwatch.GetElapsedTime(intended, result.EndTicks).TotalMilliseconds))
        {
            it.Phase = FlowPhase.Ending;
        }
    }
}

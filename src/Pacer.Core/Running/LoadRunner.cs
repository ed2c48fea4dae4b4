using System.Diagnostics;
using Pacer.Core.Flows;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Scheduling;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Running;

/// <summary>
/// Drives one plan: builds its lanes, starts the schedule's clock when every lane is ready, runs each lane (open model:
/// <see cref="OpenLaneRunner"/>; closed: <see cref="ClosedLaneRunner"/>), ticks the recorder once a second, and gathers the
/// outcome. Every request, a mix's or a scenario step's, goes through the one <see cref="ITransport"/> contract; a mix's
/// requests are framed once here (<see cref="MixRequest"/>).
/// </summary>
internal sealed class LoadRunner
{

    private readonly LoadPlan plan;
    private readonly ITransport transport;
    private readonly RunOptions options;
    private readonly RunRecorder recorder;
    private readonly RequestPicker? picker;
    private readonly IReadOnlyList<ExchangeRequest> mix;
    private readonly RunControl control;
    private readonly GeneratorHealth health;
    private readonly List<RunLane> lanes = [];
    private readonly ScheduleClock clock;
    private readonly ActivityGauge vus;
    private readonly TickSource ticks;
    private long graceTicks;
    private string? fault;
    private int hurried;

    private LoadRunner(LoadPlan plan, ITransport transport, RunOptions options, RunControl control)
    {
        this.plan = plan;
        this.transport = transport;
        this.options = options;
        this.control = control;
        ticks = TickSource.For(options.Time);
        health = new GeneratorHealth(transport.Capabilities.EventLoops, ticks);
        recorder = new RunRecorder([.. plan.Requests.Select(r => r.Name)], ScenarioSteps.CheckNames(plan.Scenarios), plan.CustomMetrics, ScenarioSteps.GroupNames(plan.Scenarios), ticks) { Observer = options.RequestObserver };
        // A scenario plan's journeys pick their own steps (and may have no HTTP step at all: WebSocket steps only).
        picker = plan.Scenarios.Count == 0 ? new RequestPicker(plan.Requests) : null;
        mix = MixRequest.Of(plan);
        if (plan.Scenarios.Count == 0)
        {
            lanes.Add(new RunLane(plan.Load, null, control.Stopping));
        }
        else
        {
            foreach (var own in plan.Scenarios.Where(s => s.Load is not null))
            {
                lanes.Add(new RunLane(own.Load!, NewFlows([own], own.Load!), control.Stopping) { FirstUser = NextFirstUser() });
            }

            var shared = plan.Scenarios.Where(s => s.Load is null).ToList();
            if (shared.Count > 0)
            {
                lanes.Add(new RunLane(plan.Load, NewFlows(shared, plan.Load), control.Stopping) { FirstUser = NextFirstUser() });
            }

            // Every step's lateness is generator lag; in the open model the first step's is the arrival's, recorded by the worker.
            FlowRunner NewFlows(IReadOnlyList<ScenarioSpec> scenarios, LoadProfile load) =>
                new(scenarios, transport, recorder, control.TryClaimRequest, ticks.StepClock)
                {
                    RecordLag = health.RecordLag,
                    FirstStepLagRecordedByLane = load.Model == LoadModel.Open,
                    SkipCertificateValidation = plan.InsecureSkipTlsVerify,
                };
        }
        vus = recorder.Vus;
        clock = new ScheduleClock(lanes.Count, ticks);
    }

    /// <summary>The one transport every lane sends through.</summary>
    public ITransport Transport => transport;

    /// <summary>The plan's request mix, framed once; <see cref="Picker"/> chooses which one an iteration sends.</summary>
    public IReadOnlyList<ExchangeRequest> Mix => mix;

    public RequestPicker? Picker => picker;

    public RunRecorder Recorder => recorder;

    public RunControl Control => control;

    public GeneratorHealth Health => health;

    public ScheduleClock Clock => clock;

    /// <summary>The run's clock (the system's, or a test's fake time).</summary>
    public TickSource Ticks => ticks;

    /// <summary>How many rounds an open lane's rehearsal may take (<see cref="RunOptions.RehearsalRounds"/>).</summary>
    public int RehearsalRounds => options.RehearsalRounds;

    /// <summary>Requests (or iterations) in flight: the <c>vus</c> gauge.</summary>
    public ActivityGauge Vus => vus;

    /// <summary>
    /// Starts the load period at the schedule's time zero, before the clock releases the lanes (so no request can end before
    /// the period exists): it ends with the longest lane's stages unless the run stops early.
    /// </summary>
    private void StartLoadPeriod(long zeroTicks)
    {
        lanes.ForEach(lane => lane.PlannedEndTicks = zeroTicks + (long)(lane.Load.Duration.TotalSeconds * Stopwatch.Frequency));
        recorder.StartClock(zeroTicks, lanes.Max(lane => lane.Load.Duration));
        health.Restart();
    }

    /// <summary>
    /// A lane stopped before the end of its stages (its data ran out, or a scenario ended the run): the load period ends when
    /// the last lane stops generating, so it ends now if every other lane has stopped too.
    /// </summary>
    public void StopLaneEarly(RunLane lane)
    {
        var now = ticks.Now;
        lock (lanes)
        {
            lane.PlannedEndTicks = Math.Min(lane.PlannedEndTicks, now);
            recorder.Period.EndAt(lanes.Max(l => l.PlannedEndTicks));
        }

        lane.Stop();
    }

    /// <summary>Where the next lane's virtual-user numbers start, so <c>${vu}</c> is unique across lanes running side by side.</summary>
    private int NextFirstUser() =>
        lanes.Count == 0 ? 0 : lanes[^1].FirstUser + (lanes[^1].Load.Model == LoadModel.Open ? lanes[^1].Load.MaxConnections : new VirtualUserSchedule(lanes[^1].Load).MaxUsers);

    /// <summary>Runs <paramref name="plan"/> to its end, its request bound, an abort, or <paramref name="interrupt"/>.</summary>
    public static async Task<RunOutcome> RunAsync(LoadPlan plan, ITransport transport, RunOptions options, CancellationToken interrupt)
    {
        using var control = new RunControl(plan.Load.MaxRequests);
        EnsureThreadPoolHeadroom();
        // Scenario plans are not warmed up: their requests only exist once a user's variables are rendered into them.
        if (plan.Load.Warmup && plan.Scenarios.Count == 0)
        {
            await WarmUp.RunAsync(plan, MixRequest.Of(plan), transport, TickSource.For(options.Time), interrupt);
        }

        var runner = new LoadRunner(plan, transport, options, control);
        using var clock = runner.clock;
        using var onInterrupt = interrupt.Register(() => control.Abort("interrupted by the user", byUser: true));
        using var onStopNow = options.StopNow.Register(runner.StopNow);
        using var onStopRequest = options.Stop?.Listen((reason, error) =>
        {
            if (error is null)
            {
                control.Abort(reason);
            }
            else
            {
                runner.Fail(error);
            }
        });

        // An abort or the request bound stops every lane at once: the load period ends there.
        using var onStop = control.Stopping.Register(() => runner.recorder.Period.EndAt(runner.ticks.Now));
        var running = Task.WhenAll(runner.lanes.Select(lane => runner.GuardAsync(lane.Load.Model == LoadModel.Open ? new OpenLaneRunner(runner, lane).RunAsync() : new ClosedLaneRunner(runner, lane).RunAsync())));

        // The schedule's clock starts only when every lane can send its first arrival on time (or one of them ended before it
        // could, which the await below reports), and a little ahead of now, so the first arrival, like every later one, is
        // handed over before its time rather than released already late.
        await Task.WhenAny(clock.Ready, running);

        // Setting up allocates megabytes on the large object heap (the recorder's histograms, the warm-up's scratch copy of
        // them), and the collection that budget calls for came a few hundred milliseconds into the run: a blocking full
        // collection of 20-30 ms that held back every thread, so arrivals went out that late and then together (a burst at the
        // server, and a connection each). Collected here, before time zero, it costs the schedule nothing, and the budget it
        // leaves is not used up by the run's own few allocations.
        if (runner.ticks.IsSystem)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        // Last before time zero, after the collection above: what the hook measures from (the target's CPU) starts with the load.
        if (options.BeforeLoad is { } beforeLoad && !running.IsCompleted)
        {
            await beforeLoad();
        }

        // On a test's fake clock nothing is woken late, and its tests advance it by the hand-over's 2 ms.
        var zero = runner.ticks.Now + (runner.ticks.IsSystem ? TickSource.ToTicks(options.StartLead) : OpenLaneRunner.HandOverAheadTicks);
        var startedUtc = options.Time.GetUtcNow() + Stopwatch.GetElapsedTime(runner.ticks.Now, zero);
        runner.StartLoadPeriod(zero);
        clock.Start(zero);
        using var tickerStop = new CancellationTokenSource();
        var ticker = runner.TickAsync(tickerStop.Token);

        await running;
        runner.lanes.ForEach(lane => lane.Dispose());

        await tickerStop.CancelAsync();
        await ticker;
        var elapsed = await runner.EndAfterLastTickAsync();
        lock (runner.recorder.Totals)
        {
            runner.recorder.Tick(elapsed.TotalSeconds);
        }

        runner.health.Sample();
        return new RunOutcome(
            runner.recorder.Totals,
            startedUtc,
            startedUtc + elapsed,
            elapsed,
            control.AbortReason,
            control.Interrupted,
            runner.recorder.Totals.Abandoned,
            runner.health.Verdict())
        {
            Checks = runner.recorder.Checks,
            GeneratorTicks = runner.health.PerSample,
            ScriptErrors = [.. runner.lanes.Where(l => l.Flows is not null).SelectMany(l => l.Flows!.Errors.Snapshot()).OrderByDescending(e => e.Count)],
            DataExhausted = [.. runner.lanes.Where(l => l.Flows is not null).SelectMany(l => l.Flows!.ExhaustedScenarios).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Iterations = plan.Scenarios.Count == 0 ? null : runner.lanes.Sum(l => l.Flows!.Iterations),
            LoadPeriod = runner.recorder.Totals.LoadPeriod ?? elapsed,
            ConnectionsOpened = transport.Capabilities.Connections?.ConnectionsOpened,
            ConnectionsWithStrayBytes = transport.Capabilities.Connections?.ConnectionsWithStrayBytes,
            Grace = Interlocked.Read(ref runner.graceTicks) is > 0 and var ticks ? TimeSpan.FromTicks(ticks) : null,
            CutShort = Volatile.Read(ref runner.hurried) == 1,
            Fault = Volatile.Read(ref runner.fault),
        };
    }

    /// <summary>
    /// A lane, worker or virtual user that throws (a transport, a script runtime, a bug) would take every measurement with it:
    /// instead the run is aborted at once with the error as its reason, everything else stops as for any abort, and the outcome
    /// carries the fault so the CLI writes the partial result and exits 1.
    /// </summary>
    public async Task GuardAsync(Task lane)
    {
        try
        {
            await lane;
        }
        catch (Exception e) when (e is not OperationCanceledException || !control.Cancelled.IsCancellationRequested)
        {
            // Recorded as data (the abort reason and the fault), not rethrown: what was measured up to here is kept, and the
            // requests other workers have in flight get the graceful stop as in any abort.
            Fail(e);
        }
    }

    private void Fail(Exception e)
    {
        var reason = $"internal error: {e.GetType().Name}: {e.Message}";
        Interlocked.CompareExchange(ref fault, reason, null);
        control.Abort(reason);
    }

    /// <summary>A second Ctrl-C: requests in flight are abandoned now rather than at the end of the grace period.</summary>
    private void StopNow()
    {
        Volatile.Write(ref hurried, 1);
        control.Abort("interrupted by the user", byUser: true);
        control.CancelInFlight();
    }

    /// <summary>
    /// A cold process has as many pool threads as cores and adds more slowly; while the JIT compiles, continuations would queue
    /// behind it and the delay would show up as queue time. A few more threads up front keep the generator out of the measurement.
    /// </summary>
    private static void EnsureThreadPoolHeadroom()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = Math.Max(workers, Math.Min(64, Environment.ProcessorCount * 8));
        if (wanted > workers)
        {
            ThreadPool.SetMinThreads(wanted, io);
        }
    }

    /// <summary>Lets requests in flight finish within the grace period, then cancels the rest.</summary>
    public async Task FinishInFlightAsync(RunLane lane, Task all)
    {
        var grace = control.Interrupted
            ? TimeSpan.FromTicks(Math.Min(options.InterruptGrace.Ticks, lane.Load.GracefulStop.Ticks))
            : lane.Load.GracefulStop;

        // The longest grace any lane gave: what the abandoned-requests warning names (after Ctrl-C, not the plan's graceful stop).
        long seen;
        while ((seen = Interlocked.Read(ref graceTicks)) < grace.Ticks && Interlocked.CompareExchange(ref graceTicks, grace.Ticks, seen) != seen)
        {
        }

        if (await Task.WhenAny(all, Task.Delay(grace, ticks.Provider)) != all)
        {
            control.CancelInFlight();
        }

        await all;
    }

    /// <summary>
    /// The run's end, at least into the millisecond after the last tick's: the final interval is keyed by its end like every
    /// other (<see cref="IntervalStats.SecondKey"/>), and a run whose last answer came within the last tick's
    /// millisecond (seen in CI: a tick at 2.9800 s, the end at 2.9803 s) would otherwise put one second twice in the series,
    /// and a watcher's two readings on one key. Waiting out that millisecond keeps every key true; it costs a millisecond or two,
    /// and only then.
    /// </summary>
    private async Task<TimeSpan> EndAfterLastTickAsync()
    {
        var intervals = recorder.Totals.Intervals;
        double lastKey;
        lock (recorder.Totals)
        {
            if (intervals.Count == 0)
            {
                return clock.Elapsed;
            }

            lastKey = IntervalStats.SecondKey(intervals[^1].ElapsedSeconds);
        }

        // Task.Delay counts whole milliseconds (a shorter wait completes at once), so the wait is one millisecond, the most needed.
        var elapsed = clock.Elapsed;
        while (IntervalStats.SecondKey(elapsed.TotalSeconds) <= lastKey)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), ticks.Provider);
            elapsed = clock.Elapsed;
        }

        return elapsed;
    }

    private async Task TickAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), ticks.Provider);

        // The end of the run disposes the timer, so the wait ends with false rather than a cancellation exception, whose stack
        // trace (captured with source lines) loaded the PDB reader at the end of every run: about 2 MB of peak memory.
        await using var ended = stop.Register(static t => ((PeriodicTimer)t!).Dispose(), timer);
        while (await timer.WaitForNextTickAsync())
        {
            var elapsed = clock.Elapsed;
            IntervalStats interval;

            // Under a lock on the totals: an observer that reads them (the threshold monitor) does so between merges.
            lock (recorder.Totals)
            {
                interval = recorder.Tick(elapsed.TotalSeconds);
            }

            health.Sample();
            try
            {
                options.Tick?.Invoke(new TickReport(elapsed, plan.Load.Duration, interval, [.. recorder.NameIntervals], recorder.Totals, health.LastLag, health.LastLagP99Micros));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The tick hook only copies figures and queues them; one that throws is a bug, which aborts the run with the
                // error as its reason rather than dying silently or taking the measurements with it.
                Fail(e);
            }
        }

        // The run ended (the timer was disposed); the caller takes the final tick.
    }
}

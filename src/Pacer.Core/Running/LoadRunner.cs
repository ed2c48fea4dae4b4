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
/// Drives one plan: decides when each request starts (open: arrival schedule; closed: virtual users following the stages),
/// sends it through the transport, and records it against its intended start.
/// </summary>
internal sealed class LoadRunner
{
    private static readonly TimeSpan VirtualUserAdjustPeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// On a transport that paces writes itself (<see cref="IScheduledTransport"/>), the dispatcher hands over every arrival due
    /// within the next 2 ms, then sleeps until the next one is 1 ms away: at 20,000 arrivals/s one wake-up hands over about 20,
    /// and the dispatcher may wake up to a millisecond late without any arrival being late.
    /// </summary>
    private static readonly long HandOverAheadTicks = Stopwatch.Frequency * 2 / 1000;

    private static readonly long RefillAheadTicks = Stopwatch.Frequency / 1000;

    /// <summary>How far ahead of the moment every lane is ready the schedule's time zero is set (see <see cref="RunAsync"/>).</summary>
    private static readonly long StartLeadTicks = HandOverAheadTicks;

    private readonly LoadPlan plan;
    private readonly ITransport transport;
    private readonly RunOptions options;
    private readonly RunRecorder recorder;
    private readonly RequestPicker picker;
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
        health = new GeneratorHealth(transport as IEventLoopLoad, ticks);
        recorder = new RunRecorder([.. plan.Requests.Select(r => r.Name)], FlowRunner.CheckNames(plan.Scenarios), plan.CustomMetrics, FlowRunner.GroupNames(plan.Scenarios), ticks) { Observer = options.RequestObserver };
        picker = new RequestPicker(plan.Requests);
        if (plan.Scenarios.Count == 0)
        {
            lanes.Add(new RunLane(plan.Load, null, control.Stopping));
        }
        else
        {
            var flowTransport = transport as IFlowTransport
                ?? throw new ArgumentException($"transport {transport.Name} cannot run scenarios (it keeps no response bodies)", nameof(transport));
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
                new(scenarios, flowTransport, recorder, control.TryClaimRequest, ticks.StepClock)
                {
                    RecordLag = health.RecordLag,
                    FirstStepLagRecordedByLane = load.Model == LoadModel.Open,
                };
        }
        vus = recorder.Vus;
        clock = new ScheduleClock(lanes.Count, ticks);
    }

    /// <summary>
    /// Starts the load period at the schedule's time zero, before the clock releases the lanes (so no request can end before
    /// the period exists): it ends with the longest lane's stages unless the run stops early.
    /// </summary>
    private void StartLoadPeriod(long zeroTicks)
    {
        lanes.ForEach(lane => lane.PlannedEndTicks = zeroTicks + (long)(lane.Load.Duration.TotalSeconds * Stopwatch.Frequency));
        recorder.StartClock(zeroTicks, lanes.Max(lane => lane.Load.Duration));
    }

    /// <summary>
    /// A lane stopped before the end of its stages (its data ran out, or a scenario ended the run): the load period ends when
    /// the last lane stops generating, so it ends now if every other lane has stopped too.
    /// </summary>
    private void StopLaneEarly(RunLane lane)
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
            await WarmUpAsync(plan, transport, TickSource.For(options.Time), interrupt);
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
        var running = Task.WhenAll(runner.lanes.Select(lane => runner.GuardAsync(lane.Load.Model == LoadModel.Open ? runner.RunOpenAsync(lane) : runner.RunClosedAsync(lane))));

        // The schedule's clock starts only when every lane can send its first arrival on time (or one of them ended before it
        // could, which the await below reports), and a little ahead of now, so the first arrival, like every later one, is
        // handed over before its time rather than released already late.
        await Task.WhenAny(clock.Ready, running);
        var zero = runner.ticks.Now + StartLeadTicks;
        var startedUtc = options.Time.GetUtcNow() + Stopwatch.GetElapsedTime(runner.ticks.Now, zero);
        runner.StartLoadPeriod(zero);
        clock.Start(zero);
        using var tickerStop = new CancellationTokenSource();
        var ticker = runner.TickAsync(tickerStop.Token);

        await running;
        runner.lanes.ForEach(lane => lane.Dispose());

        await tickerStop.CancelAsync();
        await ticker;
        var elapsed = runner.clock.Elapsed;
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
            ScriptErrors = [.. runner.lanes.Where(l => l.Flows is not null).SelectMany(l => l.Flows!.Errors.Snapshot()).OrderByDescending(e => e.Count)],
            Iterations = plan.Scenarios.Count == 0 ? null : runner.lanes.Sum(l => l.Flows!.Iterations),
            LoadPeriod = runner.recorder.Totals.LoadPeriod ?? elapsed,
            ConnectionsOpened = (transport as IConnectionCount)?.ConnectionsOpened,
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
    private async Task GuardAsync(Task lane)
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
    /// Sends each request of the plan once, unrecorded, before the clock starts: the first call on either side pays for JIT
    /// compilation and connection setup, which is not the service's latency under load. Bounded to a few seconds in all.
    /// </summary>
    /// <remarks>
    /// On a transport with event loops the requests go once through each loop (sends take the loops in turn), so every loop
    /// has run its code and holds an open connection before the first arrival; on one that holds requests until their time,
    /// each is held for a moment, so the holding path the run's arrivals take has run as well. Each result is recorded into
    /// a scratch recorder that is thrown away: the first arrivals' results are recorded on the event loop that answered them,
    /// and a first call's compilation there would hold up the arrivals due next (a burst, and a connection for each of them).
    /// </remarks>
    private static async Task WarmUpAsync(LoadPlan plan, ITransport transport, TickSource ticks, CancellationToken interrupt)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(3), ticks.Provider);
        using var onInterrupt = interrupt.Register(bound.Cancel);
        var rounds = transport is IEventLoopLoad loops ? Math.Max(1, loops.EventLoopCount) : 1;
        var hold = transport is IScheduledTransport ? Stopwatch.Frequency / 2000 : 0;
        var scratch = new RunRecorder([.. plan.Requests.Select(r => r.Name)]);
        var scratchHealth = new GeneratorHealth(ticks: ticks);
        foreach (var index in Enumerable.Repeat(Enumerable.Range(0, Math.Min(20, plan.Requests.Count)), rounds).SelectMany(r => r))
        {
            try
            {
                var intended = ticks.Now + hold;
                var result = await (transport is IScheduledTransport scheduled
                    ? scheduled.SendAtAsync(plan.Requests[index], intended, bound.Token)
                    : transport.SendAsync(plan.Requests[index], bound.Token));
                scratch.RecordRequest(index, intended, result);
                scratchHealth.RecordLag(result.SendTicks - intended);
            }
            catch (OperationCanceledException)
            {
                // Warm-up ran out of time (or the user interrupted): start the run anyway; nothing was recorded.
                return;
            }
        }
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

    /// <summary>
    /// The open model: a dispatcher thread releases the lane's arrivals into an <see cref="ArrivalQueue"/>, which gives each to
    /// exactly one waiting connection worker and allocates nothing per arrival. On a transport that paces the writes itself the
    /// arrivals go out ahead of their time (<see cref="ScheduledConnectionWorkerAsync"/>); otherwise each at its time
    /// (<see cref="ConnectionWorkerAsync"/>).
    /// </summary>
    /// <summary>Most open-model arrivals waiting for a connection (32 bytes each, so 32 MB); more are dropped, and counted so.</summary>
    internal const int MaxBacklog = 1_000_000;

    private async Task RunOpenAsync(RunLane lane)
    {
        // A scenario's iteration is several requests, each sent when the previous one answered: only a request-mix arrival can
        // be handed to the transport ahead of its time.
        var scheduled = lane.Flows is null ? transport as IScheduledTransport : null;
        using var queue = new ArrivalQueue(lane.Load.MaxConnections, control.Cancelled, MaxBacklog, recorder.RecordDropped);
        var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcherReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new Thread(() => Dispatch(lane, queue.Write, queue.Complete, handOverAhead: scheduled is not null, dispatcherReady, dispatched))
        {
            IsBackground = true,
            Name = "pacer-dispatcher",
        };

        var workers = new Task[lane.Load.MaxConnections];
        for (var i = 0; i < workers.Length; i++)
        {
            var worker = i;
            workers[i] = scheduled is null
                ? Task.Run(() => GuardAsync(ConnectionWorkerAsync(lane, queue, worker)))
                : Task.Run(() => GuardAsync(ScheduledConnectionWorkerAsync(lane, scheduled, queue)));
        }

        dispatcher.Start();
        var allWorkers = Task.WhenAll(workers);

        // Ready when the dispatcher thread runs and every worker waits for an arrival; a lane that ended before that (a stop,
        // a fault) lets the clock start too, and its own awaits below report how it ended.
        await Task.WhenAny(Task.WhenAll(queue.AllWaiting, dispatcherReady.Task), dispatched.Task, allWorkers);
        clock.LaneReady();
        await dispatched.Task;
        await FinishInFlightAsync(lane, allWorkers);

        // Arrivals still queued when the workers stopped never got a connection: they are dropped, not lost.
        while (queue.TryRead(out _))
        {
            recorder.RecordDropped();
        }
    }

    /// <summary>
    /// Releases the lane's arrivals: each at its intended time, or, when <paramref name="handOverAhead"/> (the transport paces
    /// the writes), up to <see cref="HandOverAheadTicks"/> early and in batches.
    /// </summary>
    private void Dispatch(RunLane lane, Action<Arrival> release, Action complete, bool handOverAhead, TaskCompletionSource ready, TaskCompletionSource done)
    {
        try
        {
            ArrivalPacer.PrepareThread();
            var schedule = new ArrivalSchedule(lane.Load);

            // Everything the first arrival goes through on this thread runs once before the clock starts (the waits return at
            // once for a moment long past), so its first-call costs are not charged to the first arrival as lag.
            _ = schedule.ArrivalTime(0);
            ArrivalPacer.WaitUntil(ticks, 0, lane.Stopping);
            ArrivalPacer.SleepUntil(ticks, 0, lane.Stopping);
            ready.TrySetResult();
            if (!clock.WaitForStart(lane.Stopping))
            {
                return;
            }

            var startTicks = clock.StartTicks;
            for (long i = 0; ; i++)
            {
                if (schedule.ArrivalTime(i) is not { } offset)
                {
                    break;
                }

                var intended = startTicks + (long)(offset.TotalSeconds * Stopwatch.Frequency);
                if (!handOverAhead)
                {
                    ArrivalPacer.WaitUntil(ticks, intended, lane.Stopping);
                }
                else if (intended - ticks.Now > HandOverAheadTicks)
                {
                    ArrivalPacer.SleepUntil(ticks, intended - RefillAheadTicks, lane.Stopping);
                }

                // A request-mix arrival is one request and claims it here; a scenario claims each of its requests as it sends them.
                if (lane.Stopping.IsCancellationRequested || (lane.Flows is null && !control.TryClaimRequest()))
                {
                    break;
                }

                release(new Arrival(i, intended, ticks.Now, vus.Current >= lane.Load.MaxConnections));
            }
        }
        finally
        {
            complete();
            lane.Stop();
            done.TrySetResult();
        }
    }

    /// <summary>
    /// A connection worker of a lane whose arrivals are released at their time: a request-mix arrival is sent at once, a
    /// scenario's iteration runs its steps one after another.
    /// </summary>
    /// <remarks>
    /// It shares the queue, the wait and the drop rules with <see cref="ScheduledConnectionWorkerAsync"/> but stays a loop of
    /// its own: lag here is known when the arrival is taken, there only once the event loop has written the request, and only
    /// this one runs scenarios. One loop for both would branch on the transport at every step, and moving the common steps
    /// into an async helper awaited per request would allocate that helper's state machine per request; the waits are
    /// awaited inline in these long-lived methods on purpose.
    /// </remarks>
    private async Task ConnectionWorkerAsync(RunLane lane, ArrivalQueue queue, int worker)
    {
        var flows = lane.Flows;
        var user = flows is null ? null : new VirtualUser(lane.FirstUser + worker);
        var maxQueueWaitTicks = (long)(lane.Load.MaxQueueWait.TotalSeconds * Stopwatch.Frequency);
        var waiter = new ArrivalWaiter();
        try
        {
            while (true)
            {
                // The queue gives each arrival to exactly one waiting worker: waking every idle worker for every arrival was a
                // thundering herd that cost most of a core at 1,000 connections.
                if (!await queue.ReadAsync(waiter))
                {
                    // The dispatcher finished and the queue is empty: this connection's work is done.
                    return;
                }

                var arrival = waiter.Arrival;

                // If a connection was free when the arrival was released, every moment until now was the generator's lag;
                // if the pool was full, only the dispatcher's lateness was (the rest is queueing for a connection).
                health.RecordLag(arrival.PoolWasFull
                    ? arrival.DispatchedTicks - arrival.IntendedTicks
                    : ticks.Now - arrival.IntendedTicks);

                // After an abort, work still queued is not sent: the run is over.
                if (control.AbortReason is not null
                    || ticks.Now - arrival.IntendedTicks > maxQueueWaitTicks)
                {
                    recorder.RecordDropped();
                    continue;
                }

                if (flows is not null)
                {
                    // Awaited here, in this long-lived method: a per-iteration async helper would allocate its state machine.
                    vus.Add(1);
                    bool more;
                    try
                    {
                        more = await flows.RunIterationAsync(user!, arrival.Index, arrival.IntendedTicks, control.Cancelled);
                    }
                    catch (OperationCanceledException) when (control.Cancelled.IsCancellationRequested)
                    {
                        // A step in flight was recorded as abandoned by the flow runner; one in a pause had nothing in flight.
                        more = false;
                    }
                    finally
                    {
                        vus.Add(-1);
                    }

                    if (!more)
                    {
                        StopLaneEarly(lane);
                        return;
                    }

                    continue;
                }

                // The send is awaited here, in this long-lived method, rather than in a per-request async helper: a helper's
                // state machine would be allocated (or pooled with too small a pool) once per request.
                var requestIndex = picker.Pick(arrival.Index);
                vus.Add(1);
                try
                {
                    var result = await transport.SendAsync(plan.Requests[requestIndex], control.Cancelled);
                    recorder.RecordRequest(requestIndex, arrival.IntendedTicks, result);
                }
                catch (OperationCanceledException) when (control.Cancelled.IsCancellationRequested)
                {
                    recorder.RecordAbandoned(requestIndex, arrival.IntendedTicks, ticks.Now);
                    return;
                }
                finally
                {
                    vus.Add(-1);
                }
            }
        }
        catch (OperationCanceledException) when (control.Cancelled.IsCancellationRequested)
        {
            // The grace period ended while this worker waited for work: nothing was in flight, nothing to record.
        }
    }

    /// <summary>
    /// A connection worker of a request-mix lane whose transport paces the writes: it takes an arrival as soon as the dispatcher
    /// releases it (up to <see cref="HandOverAheadTicks"/> early) and hands it over with its intended time; the transport writes
    /// it then, together with whatever else is due, so neither the dispatcher nor the event loop wakes up once per arrival.
    /// </summary>
    private async Task ScheduledConnectionWorkerAsync(RunLane lane, IScheduledTransport scheduled, ArrivalQueue queue)
    {
        var maxQueueWaitTicks = (long)(lane.Load.MaxQueueWait.TotalSeconds * Stopwatch.Frequency);
        var waiter = new ArrivalWaiter();
        try
        {
            while (true)
            {
                if (!await queue.ReadAsync(waiter))
                {
                    // The dispatcher finished and the queue is empty: this connection's work is done.
                    return;
                }

                var arrival = waiter.Arrival;

                // After an abort, work still queued is not sent (arrivals already handed over, at most 2 ms' worth, are, like
                // requests in flight).
                var taken = ticks.Now;
                if (control.AbortReason is not null || taken - arrival.IntendedTicks > maxQueueWaitTicks)
                {
                    health.RecordLag((arrival.PoolWasFull ? arrival.DispatchedTicks : taken) - arrival.IntendedTicks);
                    recorder.RecordDropped();
                    continue;
                }

                // Awaited here, in this long-lived method: a per-request async helper's state machine would be allocated per request.
                var requestIndex = picker.Pick(arrival.Index);
                vus.Add(1);
                try
                {
                    var result = await scheduled.SendAtAsync(plan.Requests[requestIndex], arrival.IntendedTicks, control.Cancelled);

                    // Lag is how late the bytes went out, the event loop's lateness included. If every connection was busy when
                    // the arrival was released, the wait for one to come free is queue time, not lag: what counts then is how
                    // late the dispatcher released it plus how late the loop wrote it once a connection had taken it.
                    health.RecordLag(arrival.PoolWasFull
                        ? Math.Max(0, arrival.DispatchedTicks - arrival.IntendedTicks) + Math.Max(0, result.SendTicks - Math.Max(arrival.IntendedTicks, taken))
                        : result.SendTicks - arrival.IntendedTicks);
                    recorder.RecordRequest(requestIndex, arrival.IntendedTicks, result);
                }
                catch (OperationCanceledException) when (control.Cancelled.IsCancellationRequested)
                {
                    recorder.RecordAbandoned(requestIndex, arrival.IntendedTicks, ticks.Now);
                    return;
                }
                finally
                {
                    vus.Add(-1);
                }
            }
        }
        catch (OperationCanceledException) when (control.Cancelled.IsCancellationRequested)
        {
            // The grace period ended while this worker waited for work: nothing was in flight, nothing to record.
        }
    }

    private async Task RunClosedAsync(RunLane lane)
    {
        var flows = lane.Flows;
        var schedule = new VirtualUserSchedule(lane.Load);
        var capacity = schedule.MaxUsers;
        var slots = new VirtualUserSlots(capacity);
        var users = new List<Task>();
        var lastTarget = -1;
        using var timer = new PeriodicTimer(VirtualUserAdjustPeriod, ticks.Provider);
        var iteration = -1L;

        // A closed lane needs nothing prepared; it starts its users at the time zero the other lanes wait for (set a moment
        // ahead of the start, see RunAsync: a once-only wait of about 2 ms on this pool thread).
        clock.LaneReady();
        await clock.Started;
        ArrivalPacer.WaitUntil(ticks, clock.StartTicks, lane.Stopping);

        do
        {
            var elapsed = clock.Elapsed;
            if (elapsed >= schedule.Duration)
            {
                lane.Stop();
                break;
            }

            var target = schedule.TargetAt(elapsed);
            if (target == lastTarget)
            {
                continue;
            }

            lastTarget = target;
            slots.Target = target;
            var started = 0;
            for (var slot = 0; slot < Math.Min(target, capacity); slot++)
            {
                if (slots.TryStart(slot))
                {
                    var s = slot;
                    users.Add(Task.Run(() => GuardAsync(VirtualUserAsync(s))));
                    started++;
                }
            }

            // The users started together enter the gauge together (0 observes the count at this step of the ramp).
            vus.Add(started);
        }
        while (!lane.Stopping.IsCancellationRequested && await WaitForTickAsync(timer, lane));

        await FinishInFlightAsync(lane, Task.WhenAll(users));

        async Task VirtualUserAsync(int slot)
        {
            var user = flows is null ? null : new VirtualUser(lane.FirstUser + slot);

            // The ramp counted this user in when it started the slot.
            var counted = true;
            try
            {
                do
                {
                    // When the last iteration ended by waiting (pacing, a trailing think), the next was meant to start when
                    // that wait was for, not when the wake-up came: the difference is the generator's lag and queue time.
                    var resume = 0L;
                    while (slot < slots.Target && !lane.Stopping.IsCancellationRequested && InLoadPeriod())
                    {
                        if (flows is not null)
                        {
                            // Awaited here rather than in a per-iteration async helper, whose state machine would be allocated per iteration.
                            bool more;
                            try
                            {
                                var now = ticks.Now;
                                more = await flows.RunIterationAsync(user!, Interlocked.Increment(ref iteration), resume is > 0 && resume <= now ? resume : now, control.Cancelled);
                                resume = user!.Run.ResumeTicks;
                            }
                            catch (OperationCanceledException) when (control.Cancelled.IsCancellationRequested)
                            {
                                // A step in flight was recorded as abandoned by the flow runner; one in a pause had nothing in flight.
                                more = false;
                            }

                            if (!more)
                            {
                                StopLaneEarly(lane);
                                return;
                            }

                            continue;
                        }

                        if (!control.TryClaimRequest())
                        {
                            return;
                        }

                        // Awaited here rather than in a per-request async helper, whose state machine would be allocated per request.
                        var requestIndex = picker.Pick(Interlocked.Increment(ref iteration));
                        var intended = ticks.Now;
                        TransportResult result;
                        try
                        {
                            result = await transport.SendAsync(plan.Requests[requestIndex], control.Cancelled);
                        }
                        catch (OperationCanceledException) when (control.Cancelled.IsCancellationRequested)
                        {
                            recorder.RecordAbandoned(requestIndex, intended, ticks.Now);
                            return;
                        }

                        recorder.RecordRequest(requestIndex, intended, result);

                        // How late this user resumed after its response: time the generator, not the service, cost it.
                        health.RecordLag(ticks.Now - result.EndTicks);
                    }
                }
                while ((counted = LeaveOrRejoin(slot)) && !lane.Stopping.IsCancellationRequested && InLoadPeriod());
            }
            finally
            {
                if (counted)
                {
                    vus.Add(-1);
                }
            }
        }

        // Nothing new starts after the lane's last stage, even in the moments before the ramp's next tick stops the lane.
        bool InLoadPeriod() => ticks.Now < lane.PlannedEndTicks;

        // A user leaves the gauge before it frees its slot: counted out only after, a user the ramp starts in that slot
        // meanwhile would be counted while this one still was, one more than the plan ever ran. True when it took the slot back.
        bool LeaveOrRejoin(int slot)
        {
            vus.Add(-1);
            if (slots.Release(slot))
            {
                vus.Add(1);
                return true;
            }

            return false;
        }
    }

    private static async ValueTask<bool> WaitForTickAsync(PeriodicTimer timer, RunLane lane)
    {
        try
        {
            return await timer.WaitForNextTickAsync(lane.Stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping was signalled between ticks: the caller's loop condition ends the ramp.
            return false;
        }
    }

    /// <summary>Lets requests in flight finish within the grace period, then cancels the rest.</summary>
    private async Task FinishInFlightAsync(RunLane lane, Task all)
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

    private async Task TickAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), ticks.Provider);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
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
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended; the caller takes the final tick.
        }
    }
}

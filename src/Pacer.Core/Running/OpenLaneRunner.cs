using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pacer.Core.Flows;
using Pacer.Core.Platform;
using Pacer.Core.Recording;
using Pacer.Core.Scheduling;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Running;

/// <summary>
/// The open model for one lane: a dispatcher thread releases the lane's arrivals into an <see cref="ArrivalQueue"/>, which
/// gives each to exactly one waiting connection worker and allocates nothing per arrival. A request-mix arrival is one
/// exchange, handed to the transport ahead of its time when the transport holds scheduled exchanges (it then writes it at
/// its time), else at its time; a scenario arrival runs the iteration's steps one after another.
/// </summary>
internal sealed class OpenLaneRunner
{
    /// <summary>Most open-model arrivals waiting for a connection (32 bytes each, so 32 MB); more are dropped, and counted so.</summary>
    internal const int MaxBacklog = 1_000_000;

    /// <summary>
    /// Room the backlog starts with: the arrivals of 50 ms at the lane's highest rate, at least 256 (2,000 arrivals, 64 KB, at
    /// 40,000/s). A backlog forms when every connection is busy — the machine or the server stalled — and growing it then
    /// allocates and copies in the middle of that stall (the open model's allocation test saw up to 1.2 MB of it in a run).
    /// </summary>
    internal static int InitialBacklog(Pacer.Core.Plans.LoadProfile load) => (int)Math.Clamp(load.PeakTarget * 0.05, 256, MaxBacklog);

    /// <summary>
    /// On a transport that holds scheduled exchanges, the dispatcher hands over every arrival due within the next 2 ms, then
    /// sleeps until the next one is 1 ms away: at 20,000 arrivals/s one wake-up hands over about 20, and the dispatcher may
    /// wake up to a millisecond late without any arrival being late.
    /// </summary>
    internal static readonly long HandOverAheadTicks = Stopwatch.Frequency * 2 / 1000;

    private static readonly long RefillAheadTicks = Stopwatch.Frequency / 1000;

    /// <summary>How much of the schedule's start a lane rehearses before the clock starts (see <see cref="Rehearse"/>).</summary>
    private const double RehearsalSeconds = 0.02;

    /// <summary>Most arrivals a rehearsal sends, whatever the rate (20 ms at 10,000/s).</summary>
    private const int MaxRehearsal = 200;

    /// <summary>How long a rehearsal may take in all, answers included; a server slower than that starts the run anyway.</summary>
    private static readonly TimeSpan RehearsalBound = TimeSpan.FromSeconds(3);

    /// <summary>How long the further rehearsal rounds (see <see cref="StartUpTuning.TierUpRounds"/>) may take in all, their waits
    /// for the JIT included: a process whose JIT never goes quiet starts the run anyway.</summary>
    internal static readonly TimeSpan TierUpBound = TimeSpan.FromSeconds(1.5);

    private readonly LoadRunner runner;
    private readonly RunLane lane;
    private readonly ITransport transport;
    private readonly IReadOnlyList<ExchangeRequest> mix;
    private readonly RequestPicker? picker;
    private readonly RunRecorder recorder;
    private readonly RunControl control;
    private readonly GeneratorHealth health;
    private readonly ScheduleClock clock;
    private readonly ActivityGauge vus;
    private readonly TickSource ticks;

    /// <summary>
    /// Arrivals go to the transport ahead of their time, to be held by it. Only a request-mix arrival can: a scenario's
    /// iteration is several requests, each sent when the previous one answered.
    /// </summary>
    private readonly bool handOverAhead;

    /// <summary>Where a rehearsal's arrivals are recorded (and thrown away); null when the lane does not rehearse.</summary>
    private readonly RunRecorder? scratch;

    private readonly GeneratorHealth? scratchHealth;

    /// <summary>Rehearsal arrivals released and not yet answered, plus one while the dispatcher is still releasing them.</summary>
    private readonly CountdownEvent rehearsing = new(1);

    public OpenLaneRunner(LoadRunner runner, RunLane lane)
    {
        this.runner = runner;
        this.lane = lane;
        transport = runner.Transport;
        mix = runner.Mix;
        picker = runner.Picker;
        recorder = runner.Recorder;
        control = runner.Control;
        health = runner.Health;
        clock = runner.Clock;
        vus = runner.Vus;
        ticks = runner.Ticks;
        handOverAhead = lane.Flows is null && transport.Capabilities.HoldsScheduledExchanges;
        // On the machine's clock only: what a rehearsal pays for (compilation, connects) is real time.
        if (handOverAhead && lane.Load.Warmup && ticks.IsSystem)
        {
            scratch = new RunRecorder([.. mix.Select(r => r.Name)]);
            scratchHealth = new GeneratorHealth(ticks: ticks);
        }
    }

    public async Task RunAsync()
    {
        using var queue = new ArrivalQueue(lane.Load.MaxConnections, control.Cancelled, MaxBacklog, recorder.RecordDropped, InitialBacklog(lane.Load));
        var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcherReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new Thread(() => Dispatch(queue.Write, queue.Complete, dispatcherReady, dispatched))
        {
            IsBackground = true,
            Name = "pacer-dispatcher",
        };

        var workers = new Task[lane.Load.MaxConnections];
        for (var i = 0; i < workers.Length; i++)
        {
            var worker = i;
            workers[i] = Task.Run(() => runner.GuardAsync(ConnectionWorkerAsync(queue, worker)));
        }

        dispatcher.Start();
        var allWorkers = Task.WhenAll(workers);

        // Ready when the dispatcher thread runs and every worker waits for an arrival; a lane that ended before that (a stop,
        // a fault) lets the clock start too, and its own awaits below report how it ended.
        await Task.WhenAny(Task.WhenAll(queue.AllWaiting, dispatcherReady.Task), dispatched.Task, allWorkers);
        clock.LaneReady();
        await dispatched.Task;
        await runner.FinishInFlightAsync(lane, allWorkers);

        // Every worker has ended, so nothing signals the rehearsal any more.
        rehearsing.Dispose();

        // Arrivals still queued when the workers stopped never got a connection: they are dropped, not lost.
        while (queue.TryRead(out _))
        {
            recorder.RecordDropped();
        }
    }

    /// <summary>
    /// Releases the lane's arrivals: each at its intended time, or, when <see cref="handOverAhead"/> (the transport holds
    /// scheduled exchanges), up to <see cref="HandOverAheadTicks"/> early and in batches. Before the clock starts, the lane
    /// rehearses the start of its schedule (see <see cref="Rehearse"/>).
    /// </summary>
    private void Dispatch(Action<Arrival> release, Action complete, TaskCompletionSource ready, TaskCompletionSource done)
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
            Rehearse(schedule, release);
            ready.TrySetResult();
            if (!clock.WaitForStart(lane.Stopping))
            {
                return;
            }

            Release(schedule, clock.StartTicks, long.MaxValue, rehearsal: false, release);
        }
        finally
        {
            complete();
            lane.Stop();
            done.TrySetResult();
        }
    }

    /// <summary>
    /// Releases arrivals 0 … <paramref name="limit"/> − 1 of <paramref name="schedule"/> counted from <paramref name="zeroTicks"/>,
    /// as the run does (see <see cref="Dispatch"/>), or fewer when the schedule, the request bound or the lane ends first. A
    /// rehearsal releases none later than <see cref="RehearsalSeconds"/> after its zero.
    /// </summary>
    [MethodImpl(HotPath.Open)]
    private void Release(ArrivalSchedule schedule, long zeroTicks, long limit, bool rehearsal, Action<Arrival> release)
    {
        for (long i = 0; i < limit; i++)
        {
            if (schedule.ArrivalTime(i) is not { } offset)
            {
                break;
            }

            var intended = zeroTicks + (long)((rehearsal ? Math.Min(offset.TotalSeconds, RehearsalSeconds) : offset.TotalSeconds) * Stopwatch.Frequency);
            if (!handOverAhead)
            {
                ArrivalPacer.WaitUntil(ticks, intended, lane.Stopping);
            }
            else if (intended - ticks.Now > HandOverAheadTicks)
            {
                ArrivalPacer.SleepUntil(ticks, intended - RefillAheadTicks, lane.Stopping);
            }

            // A request-mix arrival is one request and claims it here; a scenario claims each of its requests as it sends them.
            // A rehearsal claims nothing: it is not part of the run.
            if (lane.Stopping.IsCancellationRequested || (!rehearsal && lane.Flows is null && !control.TryClaimRequest()))
            {
                break;
            }

            if (rehearsal)
            {
                rehearsing.AddCount();
            }

            release(new Arrival(i, intended, ticks.Now, !rehearsal && vus.Current >= lane.Load.MaxConnections, rehearsal));
        }
    }

    /// <summary>
    /// Before the clock starts, sends the first 20 ms of the lane's schedule (at most <see cref="MaxRehearsal"/> arrivals, a
    /// whole number of rounds of the mix, each request alike) through the lane's own path — dispatcher, queue, worker,
    /// transport held until its time — and waits for the answers; nothing of it is recorded. The first-call costs of that path
    /// (JIT compilation on the dispatcher, the worker and the event loop) and the connections the schedule's rate needs are
    /// then paid here, not by the first arrivals of the run: at 10,000/s those came 2–7 ms late, and each late arrival found
    /// every connection busy and opened one more.
    /// </summary>
    /// <remarks>
    /// Only a request mix on a transport that holds scheduled exchanges rehearses (the path that has to be on time to the
    /// microsecond), only on the machine's clock, and only when the plan's <c>warmup</c> is on: with it off, the server counts
    /// exactly the run's requests. At 5,000 arrivals/s and more, <see cref="RunOptions.RehearsalRounds"/> above 1 repeats the
    /// rehearsal, each round once the JIT has been quiet (see <see cref="StartUpTuning.TierUpRounds"/>), within
    /// <see cref="TierUpBound"/>.
    /// </remarks>
    private void Rehearse(ArrivalSchedule schedule, Action<Arrival> release)
    {
        if (scratch is null)
        {
            return;
        }

        // The arrivals of the schedule's first 20 ms (at least one), rounded up to whole rounds of the mix.
        long count = 0;
        while (count < MaxRehearsal && schedule.ArrivalSeconds(count) is < RehearsalSeconds)
        {
            count++;
        }

        count = Math.Max(1, (count + mix.Count - 1) / mix.Count) * mix.Count;
        if (!RehearseRound(schedule, release, count))
        {
            return;
        }

        // Further rounds, each once the JIT has been quiet long enough for the runtime to count calls (see
        // StartUpTuning.TierUpRounds), until one compiles nothing: only where a stall of a few milliseconds is many arrivals.
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var deadline = ticks.Now + TickSource.ToTicks(TierUpBound);
        var quietNow = true;
        for (var round = 1; round < runner.RehearsalRounds && count >= MaxRehearsal / 2; round++)
        {
            quietNow = JitSettling.WaitForQuiet(ticks, -ticks.Since(deadline), lane.Stopping);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (!quietNow || (round > 1 && now == compiled))
            {
                break;
            }

            compiled = now;
            rehearsing.Reset(1);
            if (!RehearseRound(schedule, release, count))
            {
                return;
            }

            quietNow = false;
        }

        if (!quietNow)
        {
            // Time zero comes after a quiet spell too, so the re-compilations the last round released are done.
            JitSettling.WaitForQuiet(ticks, -ticks.Since(deadline), lane.Stopping);
        }
    }

    /// <summary>Releases <paramref name="count"/> rehearsal arrivals and waits for their answers; false when they did not all
    /// come within <see cref="RehearsalBound"/> or the lane stopped.</summary>
    private bool RehearseRound(ArrivalSchedule schedule, Action<Arrival> release, long count)
    {
        Release(schedule, ticks.Now + HandOverAheadTicks, count, rehearsal: true, release);
        rehearsing.Signal();
        try
        {
            // A server slower than the bound is not held against the run: it starts with whatever is still in flight (a
            // connection or two busy), as after any warm-up that ran out of time.
            return rehearsing.Wait(RehearsalBound, lane.Stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopped (an interrupt, an abort) during the rehearsal: the dispatcher ends without starting the schedule.
            return false;
        }
    }

    /// <summary>
    /// A connection worker: takes one arrival at a time from the queue. A scenario arrival runs its iteration; a request-mix
    /// arrival is one exchange of the mix, handed over at once (to be held by the transport until its time when
    /// <see cref="handOverAhead"/>, else already due).
    /// </summary>
    /// <remarks>
    /// Lag is known when the arrival is taken if it is sent at once, but only once the transport has written it if the
    /// transport held it: that is the one branch on <see cref="handOverAhead"/> per exchange. The waits are awaited inline in
    /// this long-lived method on purpose: moving them into an async helper awaited per request would allocate that helper's
    /// state machine per request.
    /// </remarks>
    private async Task ConnectionWorkerAsync(ArrivalQueue queue, int worker)
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

                // A rehearsal's arrival takes the run's path to the end, but into scratch figures (see Rehearse).
                var (records, lags, gauge) = arrival.Rehearsal ? (scratch!, scratchHealth!, scratch!.Vus) : (recorder, health, vus);

                // If a connection was free when the arrival was released, every moment until now was the generator's lag;
                // if the pool was full, only the dispatcher's lateness was (the rest is queueing for a connection).
                var taken = ticks.Now;
                var lagWhenTaken = (arrival.PoolWasFull ? arrival.DispatchedTicks : taken) - arrival.IntendedTicks;

                // After an abort, work still queued is not sent: the run is over (arrivals already handed over, at most 2 ms'
                // worth, are, like requests in flight).
                if (control.AbortReason is not null || taken - arrival.IntendedTicks > maxQueueWaitTicks)
                {
                    lags.RecordLag(lagWhenTaken);
                    records.RecordDropped();
                    EndRehearsal(arrival);
                    continue;
                }

                if (!handOverAhead)
                {
                    health.RecordLag(lagWhenTaken);
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
                        runner.StopLaneEarly(lane);
                        return;
                    }

                    continue;
                }

                // A rehearsal sends each request of the mix alike.
                var requestIndex = arrival.Rehearsal ? (int)(arrival.Index % mix.Count) : picker!.Pick(arrival.Index);
                gauge.Add(1);
                try
                {
                    var result = await transport.ExchangeAsync(mix[requestIndex], null, handOverAhead ? arrival.IntendedTicks : 0, control.Cancelled);
                    if (handOverAhead)
                    {
                        // Lag is how late the bytes went out, the event loop's lateness included. If every connection was busy
                        // when the arrival was released, the wait for one to come free is queue time, not lag: what counts then
                        // is how late the dispatcher released it plus how late the loop wrote it once a connection had taken it.
                        lags.RecordLag(arrival.PoolWasFull
                            ? Math.Max(0, arrival.DispatchedTicks - arrival.IntendedTicks) + Math.Max(0, result.SendTicks - Math.Max(arrival.IntendedTicks, taken))
                            : result.SendTicks - arrival.IntendedTicks);
                    }

                    records.RecordRequest(requestIndex, arrival.IntendedTicks, result);
                }
                catch (OperationCanceledException) when (control.Cancelled.IsCancellationRequested)
                {
                    records.RecordAbandoned(requestIndex, arrival.IntendedTicks, ticks.Now);
                    return;
                }
                finally
                {
                    gauge.Add(-1);
                    EndRehearsal(arrival);
                }
            }
        }
        catch (OperationCanceledException) when (control.Cancelled.IsCancellationRequested)
        {
            // The grace period ended while this worker waited for work: nothing was in flight, nothing to record.
        }
        finally
        {
            // Sockets kept for the user's life (scope: vu) close when its worker is done.
            if (user is not null)
            {
                await flows!.EndUserAsync(user, control.Cancelled);
            }
        }
    }

    /// <summary>A rehearsal's arrival is done (answered, failed or dropped): the dispatcher may start the run once all are.</summary>
    private void EndRehearsal(in Arrival arrival)
    {
        if (arrival.Rehearsal)
        {
            rehearsing.Signal();
        }
    }
}

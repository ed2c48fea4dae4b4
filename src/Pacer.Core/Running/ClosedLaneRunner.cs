using System.Diagnostics;
using Pacer.Core.Flows;
using Pacer.Core.Recording;
using Pacer.Core.Scheduling;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Running;

/// <summary>
/// The closed model for one lane: virtual users that follow the stages' target, each sending its next request (a mix's,
/// framed once) or running its next scenario iteration as soon as the last one ended. Latency is measured from when the
/// user sent, so a slow service slows the users down rather than queueing them (the open model's job).
/// </summary>
internal sealed class ClosedLaneRunner(LoadRunner runner, RunLane lane)
{
    private static readonly TimeSpan VirtualUserAdjustPeriod = TimeSpan.FromMilliseconds(50);

    private readonly ITransport transport = runner.Transport;
    private readonly IReadOnlyList<ExchangeRequest> mix = runner.Mix;
    private readonly RequestPicker? picker = runner.Picker;
    private readonly RunRecorder recorder = runner.Recorder;
    private readonly RunControl control = runner.Control;
    private readonly GeneratorHealth health = runner.Health;
    private readonly ScheduleClock clock = runner.Clock;
    private readonly ActivityGauge vus = runner.Vus;
    private readonly TickSource ticks = runner.Ticks;

    public async Task RunAsync()
    {
        var flows = lane.Flows;
        var schedule = new VirtualUserSchedule(lane.Load);
        var capacity = schedule.MaxUsers;
        var slots = new VirtualUserSlots(capacity);
        var users = new List<Task>();
        var lastTarget = -1;
        using var timer = new PeriodicTimer(VirtualUserAdjustPeriod, ticks.Provider);

        // Stopping disposes the timer, so the ramp's wait ends with false instead of a cancellation exception: one thrown there
        // captured its stack trace with source lines, which loaded the PDB reader (about 2 MB of the process's peak memory,
        // bench/README.md) at the end of every run.
        using var stopRamp = lane.Stopping.Register(static t => ((PeriodicTimer)t!).Dispose(), timer);
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
                    users.Add(Task.Run(() => runner.GuardAsync(VirtualUserAsync(s))));
                    started++;
                }
            }

            // The users started together enter the gauge together (0 observes the count at this step of the ramp).
            vus.Add(started);
        }
        while (!lane.Stopping.IsCancellationRequested && await timer.WaitForNextTickAsync());

        await runner.FinishInFlightAsync(lane, Task.WhenAll(users));

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
                                runner.StopLaneEarly(lane);
                                return;
                            }

                            continue;
                        }

                        if (!control.TryClaimRequest())
                        {
                            return;
                        }

                        // Awaited here rather than in a per-request async helper, whose state machine would be allocated per request.
                        var requestIndex = picker!.Pick(Interlocked.Increment(ref iteration));
                        var intended = ticks.Now;
                        TransportResult result;
                        try
                        {
                            result = await transport.ExchangeAsync(mix[requestIndex], null, 0, control.Cancelled);
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

                // Sockets kept for the user's life (scope: vu) close when it leaves.
                if (user is not null)
                {
                    await flows!.EndUserAsync(user, control.Cancelled);
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
}

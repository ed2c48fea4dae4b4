using System.Diagnostics;
using Pacer.Core.Flows;
using Pacer.Core.Plans;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Recording;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

/// <summary>
/// When a scenario's steps go out after a think time or pacing, with time as data: a clock the test moves and transports
/// that answer with scripted timestamps. A step is never handed over before its intended start (the end of the previous
/// step plus the think time), its lateness is queue time and generator lag, and nothing is floored.
/// </summary>
public sealed class StepTimingTests
{
    private const string Head = "target: http://127.0.0.1:9/\nload: {model: closed, vus: 1, duration: 1s}\n";
    private const long T = 1_000_000_000_000;
    private static readonly long Ms = Stopwatch.Frequency / 1000;
    private static readonly long Us = Stopwatch.Frequency / 1_000_000;

    [Fact]
    public async Task Think_WithoutAHoldingTransport_WakesAtPreviousEndPlusThinkAndNotBefore()
    {
        var plan = Plan("      - { name: one, path: /1 }\n      - think: 100ms\n      - { name: two, path: /2 }\n");
        var clock = new FakeStepClock(T);
        var transport = new FakeFlowTransport(r => Answer(clock, sendAfter: r.Name == "one" ? 20 * Us : 5 * Us, took: Ms));
        var (runner, recorder, lags) = Runner(plan, transport, clock);

        var iteration = runner.RunIterationAsync(new VirtualUser(0), 0, T, CancellationToken.None);

        // Step one ended at T + 1.02 ms; step two is due 100 ms later and nothing of it has gone out yet.
        var endOfOne = T + (20 * Us) + Ms;
        Assert.False(iteration.IsCompleted);
        Assert.Single(transport.Sent);
        Assert.Equal([endOfOne + (100 * Ms)], clock.Requested);

        // The wake-up comes 25 µs late and the transport takes 5 µs more to send.
        Assert.True(clock.FireNext(late: 25 * Us));
        Assert.True(await iteration);
        recorder.Tick(1);

        // Sent 30 µs after its intended start: 30 µs of queue time, 1 ms of service time, 1.03 ms of latency; the late wake-up
        // is the generator's lag, the transport's own 20 µs and 5 µs (a connection to open, say) are not.
        var two = recorder.Totals.PerRequest[1];
        Assert.Equal(2, transport.Sent.Count);
        Assert.InRange(two.QueueTime.Max, 29, 31);
        Assert.InRange(two.ServiceTime.Max, 995, 1_005);
        Assert.InRange(two.Latency.Max, 1_025, 1_035);
        Assert.Equal([0, 25 * Us], lags);
        Assert.Equal(0, recorder.Clamped);
    }

    [Fact]
    public async Task Think_OnAHoldingTransport_HandsTheStepOverWithItsIntendedStartAndNeedsNoWakeUp()
    {
        var plan = Plan("      - { name: one, path: /1 }\n      - think: 5ms\n      - { name: two, path: /2 }\n");
        var clock = new FakeStepClock(T);
        var transport = new HoldingFlowTransport((_, notBefore) =>
        {
            var send = Math.Max(clock.Now, notBefore) + (4 * Us);
            clock.Now = send + Ms;
            return (200, send, clock.Now);
        });
        var (runner, recorder, lags) = Runner(plan, transport, clock);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, T, CancellationToken.None));
        recorder.Tick(1);

        var sent = transport.Sent.ToArray();
        var endOfOne = T + (4 * Us) + Ms;
        Assert.Equal(0, sent[0].NotBefore);
        Assert.Equal(endOfOne + (5 * Ms), sent[1].NotBefore);
        Assert.Empty(clock.Requested);
        Assert.InRange(recorder.Totals.PerRequest[1].QueueTime.Max, 3, 5);
        Assert.Equal([0, 4 * Us], lags);
        Assert.Equal(0, recorder.Clamped);
    }

    [Fact]
    public async Task Think_BeforeAStepThatRendersNow_WaitsAndRendersItAtItsTimeEvenOnAHoldingTransport()
    {
        var plan = Plan("      - { name: one, path: /1 }\n      - think: 50ms\n      - { name: two, path: \"/2?t=${now}\" }\n");
        var clock = new FakeStepClock(T);
        var transport = new HoldingFlowTransport((_, notBefore) => (200, Math.Max(clock.Now, notBefore), Math.Max(clock.Now, notBefore) + Ms));
        var (runner, _, _) = Runner(plan, transport, clock);

        var iteration = runner.RunIterationAsync(new VirtualUser(0), 0, T, CancellationToken.None);

        Assert.Single(transport.Sent);
        Assert.Equal([T + Ms + (50 * Ms)], clock.Requested);
        Assert.True(clock.FireNext());
        Assert.True(await iteration);
        Assert.Equal(0, transport.Sent.ToArray()[1].NotBefore);
    }

    [Fact]
    public async Task ThinkAfterTheLastStepAndPacing_HoldTheUserUntilTheLaterOfThemAndSayWhen()
    {
        var plan = PlanParser.Parse(Head + "scenarios:\n  - pacing: 300ms\n    steps:\n      - { name: one, path: /1 }\n      - think: 50ms\n", "p.yaml");
        var clock = new FakeStepClock(T);
        var transport = new FakeFlowTransport(_ => Answer(clock, sendAfter: 0, took: Ms));
        var (runner, _, _) = Runner(plan, transport, clock);
        var user = new VirtualUser(0);

        var iteration = runner.RunIterationAsync(user, 0, T, CancellationToken.None);

        Assert.Equal([T + (300 * Ms)], clock.Requested);
        Assert.False(iteration.IsCompleted);
        Assert.True(clock.FireNext());
        Assert.True(await iteration);
        Assert.Equal(T + (300 * Ms), user.Run.ResumeTicks);
    }

    [Fact]
    public async Task TrailingThinkLongerThanPacing_HoldsTheUserForTheThink()
    {
        var plan = PlanParser.Parse(Head + "scenarios:\n  - pacing: 10ms\n    steps:\n      - { name: one, path: /1 }\n      - think: 50ms\n", "p.yaml");
        var clock = new FakeStepClock(T);
        var (runner, _, _) = Runner(plan, new FakeFlowTransport(_ => Answer(clock, sendAfter: 0, took: Ms)), clock);

        var iteration = runner.RunIterationAsync(new VirtualUser(0), 0, T, CancellationToken.None);

        Assert.Equal([T + Ms + (50 * Ms)], clock.Requested);
        Assert.True(clock.FireNext());
        Assert.True(await iteration);
    }

    [Fact]
    public async Task NoWait_WhenTheIterationOverranItsPacing_AndTheNextStartsWhenItStarts()
    {
        var plan = PlanParser.Parse(Head + "scenarios:\n  - pacing: 10ms\n    steps: [{ name: one, path: /1 }]\n", "p.yaml");
        var clock = new FakeStepClock(T);
        var (runner, _, _) = Runner(plan, new FakeFlowTransport(_ => Answer(clock, sendAfter: 0, took: 20 * Ms)), clock);
        var user = new VirtualUser(0);

        Assert.True(await runner.RunIterationAsync(user, 0, T, CancellationToken.None));

        // The overrun is the service's: carrying the missed pacing time into the next iteration would charge it as queue time.
        Assert.Empty(clock.Requested);
        Assert.Equal(0, user.Run.ResumeTicks);
    }

    [Fact]
    public async Task FirstStepLag_IsLeftToTheLaneWhenItRecordsIt()
    {
        var plan = Plan("      - { name: one, path: /1 }\n      - { name: two, path: /2 }\n");
        var clock = new FakeStepClock(T);
        var transport = new FakeFlowTransport(_ => Answer(clock, sendAfter: 0, took: Ms));
        var lags = new List<long>();
        var recorder = Recorder(plan);
        var runner = new FlowRunner(plan.Scenarios, transport, recorder, () => true, clock) { RecordLag = lags.Add, FirstStepLagRecordedByLane = true };

        // The iteration was meant to start 7 µs ago (the arrival's lateness, which the lane records); step two goes out at once.
        clock.Now = T + (7 * Us);
        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, T, CancellationToken.None));

        Assert.Equal([0L], lags);
    }

    [Fact]
    public async Task IterationMeantToStartLater_IsNotSentBeforeIt()
    {
        var plan = Plan("      - { name: one, path: /1 }\n");
        var clock = new FakeStepClock(T);
        var transport = new FakeFlowTransport(_ => Answer(clock, sendAfter: 0, took: Ms));
        var (runner, recorder, _) = Runner(plan, transport, clock);

        var iteration = runner.RunIterationAsync(new VirtualUser(0), 0, T + (2 * Ms), CancellationToken.None);

        Assert.Empty(transport.Sent);
        Assert.Equal([T + (2 * Ms)], clock.Requested);
        Assert.True(clock.FireNext());
        Assert.True(await iteration);
        Assert.Equal(0, recorder.Clamped);
    }

    [Fact]
    public async Task CancelledDuringAThink_EndsTheIterationWithoutSending()
    {
        var plan = Plan("      - { name: one, path: /1 }\n      - think: 1s\n      - { name: two, path: /2 }\n");
        var clock = new FakeStepClock(T);
        var transport = new FakeFlowTransport(_ => Answer(clock, sendAfter: 0, took: Ms));
        var (runner, _, _) = Runner(plan, transport, clock);
        using var cancel = new CancellationTokenSource();

        var iteration = runner.RunIterationAsync(new VirtualUser(0), 0, T, cancel.Token);
        await cancel.CancelAsync();
        Assert.True(clock.FireNext());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await iteration);
        Assert.Single(transport.Sent);
    }

    private static LoadPlan Plan(string steps) => PlanParser.Parse(Head + "scenarios:\n  - steps:\n" + steps, "p.yaml");

    /// <summary>Sends <paramref name="sendAfter"/> ticks after the clock's now, answers <paramref name="took"/> later, and moves the clock there.</summary>
    private static (int, string, long, long) Answer(FakeStepClock clock, long sendAfter, long took)
    {
        var send = clock.Now + sendAfter;
        clock.Now = send + took;
        return (200, "{}", send, clock.Now);
    }

    private static RunRecorder Recorder(LoadPlan plan) =>
        new([.. plan.Requests.Select(r => r.Name)], ScenarioSteps.CheckNames(plan.Scenarios), plan.CustomMetrics, ScenarioSteps.GroupNames(plan.Scenarios));

    private static (FlowRunner Runner, RunRecorder Recorder, List<long> Lags) Runner(LoadPlan plan, Pacer.Core.Transport.ITransport transport, IStepClock clock)
    {
        var recorder = Recorder(plan);
        var lags = new List<long>();
        return (new FlowRunner(plan.Scenarios, transport, recorder, () => true, clock) { RecordLag = lags.Add }, recorder, lags);
    }
}

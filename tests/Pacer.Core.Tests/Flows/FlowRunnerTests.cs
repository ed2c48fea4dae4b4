using System.Diagnostics;
using Pacer.Core.Flows;
using Pacer.Core.Plans;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Recording;
using Pacer.Core.Tests.Timing;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

public sealed class FlowRunnerTests
{
    private const string Head = "target: http://127.0.0.1:9/\nload: {model: closed, vus: 1, duration: 1s}\n";

    [Fact]
    public async Task RunIteration_StepIntendedStart_IsPreviousEndPlusThink()
    {
        // Step 1 is intended at T0 and ends at T0 + 1 s; after 100 ms of think, step 2 is intended at T0 + 1.1 s and ends at
        // T0 + 1.5 s: its latency is 400 ms, and step 1's full second stays with step 1.
        var plan = PlanParser.Parse(Head + "scenarios:\n  - steps:\n      - { name: one, path: /1 }\n      - think: 100ms\n      - { name: two, path: /2 }\n", "p.yaml");
        var t0 = Stopwatch.GetTimestamp() - (10 * Stopwatch.Frequency);
        var second = Stopwatch.Frequency;
        var transport = new FakeFlowTransport(r => r.Name == "one" ? (200, "{}", t0, t0 + second) : (200, "{}", t0 + (second * 12 / 10), t0 + (second * 15 / 10)));
        var (runner, recorder) = Runner(plan, transport);

        await runner.RunIterationAsync(new VirtualUser(0), 0, t0, CancellationToken.None);
        recorder.Tick(1);

        Assert.InRange(recorder.Totals.PerRequest[0].Latency.Max, 999_000, 1_001_000);
        Assert.InRange(recorder.Totals.PerRequest[1].Latency.Max, 399_000, 401_000);
        Assert.InRange(recorder.Totals.PerRequest[1].QueueTime.Max, 99_000, 101_000);
    }

    [Fact]
    public async Task RunIteration_ExtractedVariable_IsRenderedIntoLaterSteps()
    {
        var plan = PlanParser.Parse(Head + """
            scenarios:
              - steps:
                  - { name: login, method: POST, path: /login, body: { user: "u${vu}" }, extract: [{ var: token, json: $.token }] }
                  - { name: me, path: "/me?t=${token}", headers: { Authorization: "Bearer ${token}" } }
            """, "p.yaml");
        var transport = new FakeFlowTransport(r => (200, r.Name == "login" ? """{"token":"T-1"}""" : "{}", Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp()));
        var (runner, _) = Runner(plan, transport);

        await runner.RunIterationAsync(new VirtualUser(5), 0, Stopwatch.GetTimestamp(), CancellationToken.None);

        var sent = transport.Sent.ToArray();
        Assert.Equal("""{"user":"u5"}""", sent[0].BodyText);
        Assert.Equal("/me?t=T-1", sent[1].Url.PathAndQuery);
        Assert.Contains(new KeyValuePair<string, string>("Authorization", "Bearer T-1"), sent[1].Headers);
        Assert.Empty(runner.Errors.Snapshot());
    }

    [Fact]
    public async Task RunIteration_MissingVariable_ReportedOncePerStepWithACountAndTheIterationEnds()
    {
        var plan = PlanParser.Parse(Head + "scenarios:\n  - steps:\n      - { name: login, path: /login, extract: [{ var: token, json: $.token }] }\n      - { name: me, path: \"/me/${token}\" }\n", "p.yaml");
        var transport = FakeFlowTransport.Always(200, "<html>not json</html>");
        var (runner, _) = Runner(plan, transport);

        for (var i = 0; i < 50; i++)
        {
            Assert.True(await runner.RunIterationAsync(new VirtualUser(0), i, Stopwatch.GetTimestamp(), CancellationToken.None));
        }

        var errors = runner.Errors.Snapshot();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(50, e.Count));
        Assert.Contains(errors, e => e.Step == "login" && e.FirstMessage.Contains("not JSON", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Step == "me" && e.Kind == "template" && e.Location == "p.yaml:6:9");
        Assert.Equal(50, transport.Sent.Count);
    }

    [Fact]
    public async Task RunIteration_WeightsAndProbability_FollowTheirProportions()
    {
        var plan = PlanParser.Parse(Head + """
            scenarios:
              - { name: a, weight: 3, steps: [{ name: a1, path: /a }, { name: rare, path: /r, probability: 0.1 }] }
              - { name: b, weight: 1, steps: [{ name: b1, path: /b }] }
            """, "p.yaml");
        var (runner, recorder) = Runner(plan, FakeFlowTransport.Always(200, "{}"));
        var user = new VirtualUser(0);

        for (var i = 0; i < 10_000; i++)
        {
            await runner.RunIterationAsync(user, i, Stopwatch.GetTimestamp(), CancellationToken.None);
        }

        recorder.Tick(1);
        var a = recorder.Totals.PerRequest[0].Requests;
        var rare = recorder.Totals.PerRequest[1].Requests;
        var b = recorder.Totals.PerRequest[2].Requests;

        // Binomial bounds at about 4.5 standard deviations: 7,500 ± 195 of 10,000, and 10% of a's iterations ± 4.5σ.
        Assert.InRange(a, 7_305, 7_695);
        Assert.Equal(10_000, a + b);
        var sigma = Math.Sqrt(a * 0.1 * 0.9);
        Assert.InRange(rare, (a * 0.1) - (4.5 * sigma), (a * 0.1) + (4.5 * sigma));
    }

    [Fact]
    public async Task RunIteration_Checks_CountPerNameAndAbortIterationStopsIt()
    {
        var plan = PlanParser.Parse(Head + """
            scenarios:
              - steps:
                  - name: create
                    path: /c
                    checks:
                      - { name: created, status: 201, abort_iteration: true }
                      - { json: $.id, exists: true }
                  - { name: after, path: /after }
            """, "p.yaml");
        var (runner, recorder) = Runner(plan, FakeFlowTransport.Always(200, """{"id":"x"}"""));

        await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None);
        recorder.Tick(1);

        Assert.Equal(["created", "$.id exists"], recorder.Checks.Names);
        Assert.Equal(0, recorder.Checks.Passes(0));
        Assert.Equal(1, recorder.Checks.Fails(0));
        Assert.Equal(1, recorder.Checks.Passes(1));
        Assert.Equal(0, recorder.Totals.PerRequest[1].Requests);
    }

    [Fact]
    public async Task RunIteration_UniqueDataExhausted_EndsCleanlyWithOneReport()
    {
        using var data = new TempDataFile(".csv", "user\nann\nbob\n");
        var plan = PlanParser.Parse(Head + $"scenarios:\n  - data: {{ file: '{data.Path}', order: unique }}\n    steps: [{{ path: \"/u/${{data.user}}\" }}]\n", "p.yaml");
        var transport = FakeFlowTransport.Always(200, "{}");
        var (runner, _) = Runner(plan, transport);
        var user = new VirtualUser(0);

        Assert.True(await runner.RunIterationAsync(user, 0, Stopwatch.GetTimestamp(), CancellationToken.None));
        Assert.True(await runner.RunIterationAsync(user, 1, Stopwatch.GetTimestamp(), CancellationToken.None));
        Assert.False(await runner.RunIterationAsync(user, 2, Stopwatch.GetTimestamp(), CancellationToken.None));
        Assert.False(await runner.RunIterationAsync(user, 3, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Equal(["/u/ann", "/u/bob"], transport.Sent.Select(r => r.Url.AbsolutePath));
        // The end of the data, said once: not a script error.
        Assert.Equal(["scenario 1"], runner.ExhaustedScenarios);
        Assert.Empty(runner.Errors.Snapshot());
    }

    [Fact]
    public async Task RunIteration_Cookies_AreKeptPerVirtualUser()
    {
        var plan = PlanParser.Parse(Head + "scenarios:\n  - steps: [{ name: one, path: /1 }, { name: two, path: /2 }]\n", "p.yaml");
        var transport = new SetCookieTransport();
        var (runner, _) = Runner(plan, transport);

        await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None);
        await runner.RunIterationAsync(new VirtualUser(1), 0, Stopwatch.GetTimestamp(), CancellationToken.None);

        var sent = transport.Sent.ToArray();
        Assert.DoesNotContain(sent[0].Headers, h => h.Key == "Cookie");
        Assert.Contains(new KeyValuePair<string, string>("Cookie", "sid=1"), sent[1].Headers);
        Assert.DoesNotContain(sent[2].Headers, h => h.Key == "Cookie");
        Assert.Contains(new KeyValuePair<string, string>("Cookie", "sid=3"), sent[3].Headers);
    }

    [Fact]
    public async Task RunIteration_Pacing_StartsTheNextIterationOnePeriodAfterThisOneWasMeantTo()
    {
        var plan = PlanParser.Parse(Head + "scenarios:\n  - pacing: 300ms\n    steps: [{ path: /a }]\n", "p.yaml");
        var time = new SteppedTime();
        var ticks = TickSource.For(time);
        var (runner, _) = Runner(plan, new FakeFlowTransport(_ => (200, "{}", ticks.Now, ticks.Now)), ticks.StepClock);
        var start = ticks.Now - TickSource.ToTicks(TimeSpan.FromMilliseconds(20));

        // The iteration was meant to start 20 ms ago: its pacing ends 280 ms from now, and not a tick earlier.
        var iteration = runner.RunIterationAsync(new VirtualUser(0), 0, start, CancellationToken.None).AsTask();
        while (time.NextDue is null)
        {
            Assert.True(time.Changed.WaitOne(TimeSpan.FromSeconds(30)), "the iteration never waited");
        }

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMilliseconds(280), time.NextDue);
        time.Advance(TimeSpan.FromMilliseconds(280) - TimeSpan.FromTicks(1));
        Assert.False(iteration.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(await iteration);
    }

    [Fact]
    public async Task RunIteration_BodyFile_IsReadAtLoadAndRendered()
    {
        using var body = new TempDataFile(".json", "{\"user\":\"u${vu}\"}");
        var plan = PlanParser.Parse(Head + $"scenarios:\n  - steps: [{{ method: POST, path: /a, body_file: '{body.Path}' }}]\n", "p.yaml");
        var transport = FakeFlowTransport.Always(200, "{}");
        var (runner, _) = Runner(plan, transport);

        await runner.RunIterationAsync(new VirtualUser(4), 0, Stopwatch.GetTimestamp(), CancellationToken.None);

        Assert.Equal("{\"user\":\"u4\"}", transport.Sent.Single().BodyText);
    }

    [Fact]
    public async Task RunIteration_Group_RecordsItsDurationFromIntendedStartToLastEnd()
    {
        var plan = PlanParser.Parse(Head + "scenarios:\n  - steps:\n      - group: g\n        steps: [{ name: a, path: /a }, { name: b, path: /b }]\n", "p.yaml");
        var t0 = Stopwatch.GetTimestamp() - (10 * Stopwatch.Frequency);
        var f = Stopwatch.Frequency;
        var transport = new FakeFlowTransport(r => r.Name == "g › a" ? (200, "{}", t0, t0 + (f / 10)) : (200, "{}", t0 + (f / 10), t0 + (f * 3 / 10)));
        var (runner, recorder) = Runner(plan, transport);

        await runner.RunIterationAsync(new VirtualUser(0), 0, t0, CancellationToken.None);
        recorder.Tick(1);

        Assert.Equal(["g"], recorder.Groups.Names);
        Assert.InRange(recorder.Groups.Totals[0].Max, 299_000, 301_000);
    }

    [Fact]
    public async Task RunIteration_Records_FeedTheDeclaredMetrics()
    {
        var plan = PlanParser.Parse(Head + """
            metrics: { created_rate: rate, step_time: trend, items: counter, depth: trend }
            scenarios:
              - steps:
                  - name: create
                    path: /c
                    extract: [{ var: n, json: $.n }]
                    checks: [{ status: 201 }]
                    record:
                      - { metric: created_rate, value: checks }
                      - { metric: step_time }
                      - { metric: items, value: "${n}" }
                      - { metric: depth, value: "${n}" }
            """, "p.yaml");
        var t0 = Stopwatch.GetTimestamp() - Stopwatch.Frequency;
        var transport = new FakeFlowTransport(_ => (201, """{"n":7}""", t0, t0 + (Stopwatch.Frequency / 4)));
        var (runner, recorder) = Runner(plan, transport);

        await runner.RunIterationAsync(new VirtualUser(0), 0, t0, CancellationToken.None);
        await runner.RunIterationAsync(new VirtualUser(0), 1, t0, CancellationToken.None);
        recorder.Tick(1);

        var custom = recorder.Custom;
        Assert.Equal((2, 2), (custom.Trues(0), custom.Totals(0)));
        Assert.InRange(custom.Trends[1]!.ValueAtPercentile(50), 249_000, 251_000);
        Assert.Equal(14, custom.Trues(2));
        Assert.InRange(custom.Trends[3]!.Max, 6_990, 7_010);
    }

    [Fact]
    public async Task RunIteration_ALaneWithSomeOfThePlansScenarios_RecordsChecksAndGroupsUnderTheirOwnNames()
    {
        // Scenarios with their own load run in lanes of their own, each with a flow runner over its scenarios only, while the
        // recorder holds every check and group name of the plan: a lane's checks must land in their own slots, not in the slot
        // their position among the lane's own names would give.
        var plan = PlanParser.Parse(Head + """
            scenarios:
              - { name: a, steps: [{ group: ga, steps: [{ name: a1, path: /a, checks: [{ name: first, status: 200 }] }] }] }
              - { name: b, steps: [{ group: gb, steps: [{ name: b1, path: /b, checks: [{ name: second, status: 500 }] }] }] }
            """, "p.yaml");
        var recorder = new RunRecorder([.. plan.Requests.Select(r => r.Name)], ScenarioSteps.CheckNames(plan.Scenarios), plan.CustomMetrics, ScenarioSteps.GroupNames(plan.Scenarios));
        var lane = new FlowRunner([plan.Scenarios[1]], FakeFlowTransport.Always(200, "{}"), recorder, () => true);

        await lane.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None);
        recorder.Tick(1);

        Assert.Equal(["first", "second"], recorder.Checks.Names);
        Assert.Equal((0L, 0L), (recorder.Checks.Passes(0), recorder.Checks.Fails(0)));
        Assert.Equal((0L, 1L), (recorder.Checks.Passes(1), recorder.Checks.Fails(1)));
        Assert.Equal(["ga", "gb"], recorder.Groups.Names);
        Assert.Equal(0, recorder.Groups.Totals[0].TotalCount);
        Assert.Equal(1, recorder.Groups.Totals[1].TotalCount);
    }

    private static (FlowRunner Runner, RunRecorder Recorder) Runner(LoadPlan plan, Pacer.Core.Transport.ITransport transport, IStepClock? clock = null)
    {
        var recorder = new RunRecorder([.. plan.Requests.Select(r => r.Name)], ScenarioSteps.CheckNames(plan.Scenarios), plan.CustomMetrics, ScenarioSteps.GroupNames(plan.Scenarios));
        return (new FlowRunner(plan.Scenarios, transport, recorder, () => true, clock), recorder);
    }

    /// <summary>Sets a new cookie <c>sid=N</c> on each response (N counts requests).</summary>
    private sealed class SetCookieTransport : Pacer.Core.Transport.ITransport
    {
        private int count;

        public string Name => "set-cookie";

        public Pacer.Core.Transport.TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities();

        public IReadOnlyDictionary<Pacer.Core.Transport.ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<Pacer.Core.Transport.ErrorKind, string>();

        public System.Collections.Concurrent.ConcurrentQueue<SentRequest> Sent { get; } = new();

        public ValueTask<Pacer.Core.Transport.TransportResult> ExchangeAsync(Pacer.Core.Transport.ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
        {
            Sent.Enqueue(SentRequest.Of(request));
            var n = Interlocked.Increment(ref count);
            var now = Stopwatch.GetTimestamp();
            var result = new Pacer.Core.Transport.TransportResult(200, Pacer.Core.Transport.ErrorKind.None, now, now, 1, 1);
            response!.Fill(result, [new("Set-Cookie", $"sid={n}; Path=/")], []);
            return ValueTask.FromResult(result);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

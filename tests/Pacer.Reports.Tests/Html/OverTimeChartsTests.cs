using System.Diagnostics;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

/// <summary>
/// The over-time charts show what their titles say (issue 12, defect 8): requests in flight are requests written and not yet
/// answered, users in think time are users and not requests, and a target is drawn only against its own unit.
/// </summary>
public sealed class OverTimeChartsTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void OverTime_ScriptedRunWithUsersThinking_InFlightIsRequestsWrittenNotAnswered()
    {
        // 20 users, mostly thinking; three requests with scripted timestamps (time as data): A 0.2 → 0.7 s, B 0.5 → 1.5 s,
        // C 1.9 → 2.4 s, the run ends at 2.5 s. In flight: 1.0 in the first second, 0.6 in the second, 0.8 in the last half.
        // The chart that said "in flight" used to plot the 20 users.
        var plan = PlanParser.Parse("target: http://127.0.0.1:9/\nrequests: [{ name: a, path: / }]\nload: { model: closed, vus: 20, duration: 3s }\n", "think.yaml");
        var recorder = new RunRecorder(["a"]);
        var t0 = Stopwatch.GetTimestamp();
        recorder.StartClock(t0, TimeSpan.FromHours(1));
        recorder.Vus.Add(20);
        recorder.RecordRequest(0, At(t0, 0.2), Answered(At(t0, 0.2), At(t0, 0.7)));
        recorder.RecordRequest(0, At(t0, 0.5), Answered(At(t0, 0.5), At(t0, 1.5)));
        recorder.Tick(1);
        recorder.RecordRequest(0, At(t0, 1.9), Answered(At(t0, 1.9), At(t0, 2.4)));
        recorder.Tick(2);
        recorder.Tick(2.5);
        var result = Build(plan, recorder, 2.5);

        var charts = RunHtmlWriter.OverTime(result);

        var inFlight = charts.Single(c => c.Title == "Requests in flight").Series.Single();
        Assert.Equal([(1.0, 1.0), (2.0, 0.6), (2.5, 0.8)], inFlight.Points.Select(p => (p.X, Math.Round(p.Y, 4))));
        var users = charts.Single(c => c.Title == "Virtual users").Series;
        Assert.Equal([20.0, 20, 20], users.Single(s => s.Name == "virtual users").Points.Select(p => p.Y));
        Assert.Equal([20.0, 20, 20], users.Single(s => s.Name == "target (virtual users)").Points.Select(p => p.Y));
        Assert.Equal([1.0, 0.6, 0.8], result.Series.Select(i => i.InFlight!.Value));
    }

    [Fact]
    public void OverTime_OpenJourneys_DrawNoIterationTargetOnTheRequestsAxis()
    {
        // An open-model journey plans iterations/s; each iteration is several requests, so the target does not belong on the
        // requests/s axis. The users at work are iterations in progress, not requests in flight.
        var result = Result("open", new Dictionary<string, string> { ["journey"] = "open" });

        var charts = RunHtmlWriter.OverTime(result);

        var throughput = charts.Single(c => c.Title == "Throughput");
        Assert.Equal(["errors/s", "requests/s"], throughput.Series.Select(s => s.Name));
        Assert.Equal("requests per second", throughput.YLabel);
        Assert.Equal(["iterations in progress"], charts.Single(c => c.Title == "Iterations in progress").Series.Select(s => s.Name));
        Assert.DoesNotContain(charts, c => c.Series.Any(s => s.Name.Contains("virtual users", StringComparison.Ordinal)));
    }

    [Fact]
    public void OverTime_OpenRequestMix_DrawsTheTargetAsRequestsPerSecond()
    {
        var result = Result("open", new Dictionary<string, string>());

        var throughput = RunHtmlWriter.OverTime(result).Single(c => c.Title == "Throughput");

        Assert.Equal(["errors/s", "requests/s", "target (requests/s)"], throughput.Series.Select(s => s.Name));
    }

    [Fact]
    public void OverTime_ClosedRunWithADrain_DrawsTheTargetOnlyOverTheLoadPeriod()
    {
        // 20 users planned for 2 s; they finish their journeys in a 2 s drain. The users line falls, but no target is drawn
        // where the plan had none.
        var result = Result("closed", new Dictionary<string, string> { ["journey"] = "closed" });

        var users = RunHtmlWriter.OverTime(result).Single(c => c.Title == "Virtual users").Series;

        Assert.Equal([20.0, 20, 12, 0], users.Single(s => s.Name == "virtual users").Points.Select(p => p.Y));
        Assert.Equal([1.0, 2], users.Single(s => s.Name == "target (virtual users)").Points.Select(p => p.X));
    }

    [Fact]
    public void OverTime_MixedModels_NameBothAndDrawNoTarget()
    {
        var result = Result("mixed", new Dictionary<string, string> { ["browse"] = "open", ["admin"] = "closed" });

        var charts = RunHtmlWriter.OverTime(result);

        var active = charts.Single(c => c.Title == "Virtual users and iterations in progress");
        Assert.Single(active.Series);
        Assert.Equal(2, charts.Single(c => c.Title == "Throughput").Series.Count);
    }

    private static RunResult Result(string model, Dictionary<string, string> scenarioModels) =>
        RunFixture.Load() with
        {
            DurationSeconds = 4,
            LoadSeconds = 2,
            Drain = new DrainInfo(2, 30, 0),
            Plan = RunFixture.Load().Plan with { Model = model, PlannedDurationSeconds = 2, ScenarioModels = scenarioModels },
            Series =
            [
                new IntervalResult(1, 50, 0, 0, 20, 20, 1, 2, 3, 4, 0, 0) { InFlight = 0.1 },
                new IntervalResult(2, 50, 0, 0, 20, 20, 1, 2, 3, 4, 0, 0) { InFlight = 0.1 },
                new IntervalResult(3, 20, 0, 0, 12, 20, 1, 2, 3, 4, 0, 0) { InFlight = 0.05 },
                new IntervalResult(4, 10, 0, 0, 0, 20, 1, 2, 3, 4, 0, 0) { InFlight = 0.02 },
            ],
        };

    private static RunResult Build(LoadPlan plan, RunRecorder recorder, double seconds)
    {
        var outcome = new RunOutcome(
            recorder.Totals,
            DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddSeconds(seconds),
            TimeSpan.FromSeconds(seconds),
            null,
            false,
            0,
            GeneratorVerdict.From(new LatencyHistogram(), [], 1))
        {
            LoadPeriod = TimeSpan.FromSeconds(seconds),
        };
        return ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), "test", new Dictionary<ErrorKind, string>());
    }

    private static TransportResult Answered(long send, long end) => new(200, ErrorKind.None, send, end, 10, 10);

    private static long At(long t0, double seconds) => t0 + (long)(seconds * Second);
}

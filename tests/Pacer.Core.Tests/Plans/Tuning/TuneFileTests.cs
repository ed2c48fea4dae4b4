using Pacer.Core.Plans;
using Pacer.Core.Plans.Tuning;

namespace Pacer.Core.Tests.Plans.Tuning;

public sealed class TuneFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pacer-tune-").FullName;

    public TuneFileTests()
    {
        File.WriteAllText(Path.Combine(folder, "plan.yaml"), "name: p\ntarget: http://127.0.0.1:8080\nrequests: [{ path: /health }]\nload: { model: open, rate: 10, duration: 2s }\n");
        File.WriteAllText(Path.Combine(folder, "slo.yaml"), "performance_targets: { response_time: { p99: \"< 50ms\" } }\n");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private const string Good = """
        name: workers
        service:
          command: "pacer demo-target --port {port} --workers {workers} --work-cost {cost}"
          ready: "http://127.0.0.1:{port}/health"
          env: { CACHE_SIZE: "{cache}" }
          ready_timeout: 20s
        plan: plan.yaml
        target: "http://127.0.0.1:{port}"
        duration: 3s
        slo: slo.yaml
        knobs:
          workers: { values: [1, 2, 4, 8], default: 4 }
          cost: { range: [100, 800], step: 100, default: 400 }
          cache: { range: [0, 1024], default: 0 }
          ratio: { range: [0.1, 0.9], default: 0.5, env: RATIO }
          pool: { range: [1, 64], log: true, default: 8 }
        config:
          path: service.json
          template: '{"pool": {pool}}'
        objective: p99
        search: bayesian
        trials: 12
        seed: 7
        prune: { after: 2s, worse_than: 0.4 }
        confirm: { runs: 2 }
        """;

    private TuneSpec Parse(string text) => TuneFile.Parse(text, Path.Combine(folder, "tune.yaml"));

    private IReadOnlyList<PlanError> Errors(string text) => Assert.Throws<PlanException>(() => Parse(text)).Errors;

    [Fact]
    public void AGoodFile_ReadsIntoTheSpec()
    {
        var spec = Parse(Good);
        Assert.Equal("workers", spec.Name);
        Assert.Equal("pacer demo-target --port {port} --workers {workers} --work-cost {cost}", spec.Service.Command);
        Assert.Equal("http://127.0.0.1:{port}/health", spec.ReadyTemplate);
        Assert.Equal(TimeSpan.FromSeconds(20), spec.Service.ReadyTimeout);
        Assert.Equal("{cache}", spec.Service.Environment["CACHE_SIZE"]);
        Assert.Null(spec.Port);
        Assert.Equal(Path.Combine(folder, "plan.yaml"), spec.PlanPath);
        Assert.Equal([Path.Combine(folder, "slo.yaml")], spec.SloPaths);
        Assert.Equal(TimeSpan.FromSeconds(3), spec.Duration);
        Assert.Equal(TuneObjective.P99, spec.Objective);
        Assert.Equal(TuneSearch.Bayesian, spec.Search);
        Assert.Equal((12, 7UL, 2), (spec.Trials, spec.Seed, spec.ConfirmRuns));
        Assert.Equal(new TunePrune(TimeSpan.FromSeconds(2), 0.4), spec.Prune);
        Assert.Equal(Path.Combine(folder, "service.json"), spec.Config!.Path);
        Assert.Equal(["workers", "cost", "cache", "ratio", "pool"], spec.Knobs.Select(k => k.Name));
        Assert.Equal("RATIO", spec.Knobs[3].Environment);
        Assert.Equal(new Dictionary<string, string> { ["workers"] = "4", ["cost"] = "400", ["cache"] = "0", ["ratio"] = "0.5", ["pool"] = "8" }, spec.Defaults());
    }

    [Fact]
    public void Knobs_MapTheSearchCoordinateOntoTheirValues()
    {
        var knobs = Parse(Good).Knobs;
        Assert.Equal((4, "1", "8", "2"), (knobs[0].Levels, knobs[0].ValueAt(0), knobs[0].ValueAt(1), knobs[0].ValueAt(0.4)));
        Assert.Equal((8, "100", "800", "400"), (knobs[1].Levels, knobs[1].ValueAt(0), knobs[1].ValueAt(1), knobs[1].ValueAt(3.0 / 7)));
        Assert.Equal((0, "512"), (knobs[2].Levels, knobs[2].ValueAt(0.5)));   // more than 1000 whole numbers: searched as continuous, rounded
        Assert.Equal(0, knobs[3].Levels);
        Assert.Equal("0.5", knobs[3].ValueAt(0.5));
        Assert.Equal("8", knobs[4].ValueAt(0.5));
        Assert.Equal(0.5, knobs[4].UnitOf("8")!.Value, 9);
        Assert.Equal(3.0 / 7, knobs[1].UnitOf("400")!.Value, 9);
        Assert.Null(knobs[1].UnitOf("450"));
        Assert.Null(knobs[0].UnitOf("3"));
    }

    [Fact]
    public void EveryMistake_IsReportedAtOnce_WithItsPlace()
    {
        var errors = Errors("""
            service:
              command: "srv --workers {wokers}"
              ready: "not a url"
            plan: missing.yaml
            knobs:
              workers: { values: [1, 2], default: 3 }
              cost: { range: [800, 100] }
              idle: { values: [a, b], default: a }
            objective: fastest
            trials: 0
            """);
        var text = string.Join("\n", errors);
        Assert.Contains(errors, e => e.Line == 2 && e.Message.Contains("{wokers}, which is not a knob", StringComparison.Ordinal) && e.Hint!.Contains("{workers}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 3 && e.Message.Contains("service.ready 'not a url'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Message.Contains("plan 'missing.yaml' does not exist", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains("default '3' is not one of its values", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 7 && e.Message.Contains("[800, 100] is empty or reversed", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 8 && e.Message.Contains("'idle' reaches the service nowhere", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 9 && e.Message.Contains("objective 'fastest'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 10 && e.Message.Contains("trials 0 is outside", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.True(e.Column > 0, text));
    }

    [Fact]
    public void TheSearch_CanBeTheForest_AndAMisspeltSearchIsAnErrorAtItsPlace()
    {
        Assert.Equal(TuneSearch.Forest, Parse(Good.Replace("search: bayesian", "search: forest", StringComparison.Ordinal)).Search);
        Assert.Equal(TuneSearch.Bayesian, Parse(Good).Search);
        var error = Assert.Single(Errors(Good.Replace("search: bayesian", "search: forrest", StringComparison.Ordinal)));
        Assert.Equal((21, 9), (error.Line, error.Column));
        Assert.Contains("search 'forrest' is not one Pacer knows", error.Message, StringComparison.Ordinal);
        Assert.Contains("'forest'", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConfirmation_NeedsEveryKnobsDefault_UnlessItIsOff()
    {
        const string text = """
            service: { command: "srv --port {port} --workers {workers}" }
            plan: plan.yaml
            knobs:
              workers: { values: [1, 2] }
            """;
        var error = Assert.Single(Errors(text));
        Assert.Equal((4, 3), (error.Line, error.Column));
        Assert.Contains("has no default", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Parse(text + "\nconfirm: { runs: 0 }").ConfirmRuns);
    }

    [Fact]
    public void TheServiceSection_IsCheckedByThePlansWatchReader()
    {
        var errors = Errors("""
            service: { command: "srv {workers}", ready_timeout: soon, colour: red }
            plan: plan.yaml
            knobs: { workers: { values: [1, 2], default: 1 } }
            """);
        Assert.Contains(errors, e => e.Message.Contains("ready_timeout", StringComparison.Ordinal) && e.Line == 1);
        Assert.Contains(errors, e => e.Message.Contains("unknown key 'colour'", StringComparison.Ordinal) && e.Line == 1);
    }

    [Fact]
    public void TheCapacityObjective_ReadsItsSearch_AndNeedsIt()
    {
        const string head = """
            service: { command: "srv --port {port} --workers {workers}" }
            plan: plan.yaml
            knobs: { workers: { values: [1, 2], default: 1 } }
            objective: capacity
            """;
        var spec = Parse(head + "\ncapacity: { start: 200, min: 10, max: 5000, precision: 0.2, repeats: 2, max_steps: 6 }");
        Assert.Equal(new TuneCapacity(200, 10, 5000) { Precision = 0.2, Repeats = 2, MaxSteps = 6 }, spec.Capacity);

        var missing = Assert.Single(Errors(head));
        Assert.Equal(4, missing.Line);
        Assert.Contains("needs a capacity: section", missing.Message, StringComparison.Ordinal);
        var outside = Assert.Single(Errors(head + "\ncapacity: { start: 1, min: 10, max: 5000 }"));
        Assert.Contains("start 1 must lie between min 10 and max 5000", outside.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_FillKnownPlaceholders_AndLeaveJsonBracesAlone()
    {
        Assert.Equal("""{"pool": 8, "x": {"y": 1}}""", TuneTemplate.Fill("""{"pool": {pool}, "x": {"y": 1}}""", new Dictionary<string, string> { ["pool"] = "8" }));
        Assert.Equal(["port", "workers"], TuneTemplate.Names("--port {port} --workers {workers}"));
    }
}

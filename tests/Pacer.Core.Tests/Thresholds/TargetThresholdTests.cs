using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Tests.Results;
using Pacer.Core.Thresholds;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Tests.Thresholds;

/// <summary>Thresholds on the target's watched metrics: their units, their plan errors, and their verdicts live and from a file.</summary>
public sealed class TargetThresholdTests
{
    [Theory]
    [InlineData("max<70%", ThresholdAggregation.Max, 0.70, "%")]
    [InlineData("max<4GB", ThresholdAggregation.Max, 4e9, "bytes")]
    [InlineData("max<4GiB", ThresholdAggregation.Max, 4294967296.0, "bytes")]
    [InlineData("avg<512MiB", ThresholdAggregation.Avg, 536870912.0, "bytes")]
    [InlineData("max < 300 kB", ThresholdAggregation.Max, 300e3, "bytes")]
    [InlineData("max<300KB", ThresholdAggregation.Max, 300e3, "bytes")]
    [InlineData("max<1B", ThresholdAggregation.Max, 1, "bytes")]
    [InlineData("avg<1.4cores", ThresholdAggregation.Avg, 1.4, "cores")]
    [InlineData("max<1core", ThresholdAggregation.Max, 1, "cores")]
    [InlineData("p(95)<2s", ThresholdAggregation.Percentile, 2000, "ms")]
    [InlineData("last<250us", ThresholdAggregation.Last, 0.25, "ms")]
    [InlineData("max<500Mbps", ThresholdAggregation.Max, 62.5e6, "bytes_per_second")]
    [InlineData("avg<8kbps", ThresholdAggregation.Avg, 1000, "bytes_per_second")]
    [InlineData("avg<10MB/s", ThresholdAggregation.Avg, 10e6, "bytes_per_second")]
    [InlineData("avg<1MiB/s", ThresholdAggregation.Avg, 1048576.0, "bytes_per_second")]
    [InlineData("rate<0.01", ThresholdAggregation.Rate, 0.01, null)]
    [InlineData("rate<1%", ThresholdAggregation.Rate, 0.01, "%")]
    [InlineData("min>=2", ThresholdAggregation.Min, 2, null)]
    public void ParseTarget_KeepsTheBoundsUnit_InItsBase(string text, ThresholdAggregation aggregation, double value, string? unit)
    {
        var e = ThresholdParser.ParseTarget(text);

        Assert.Equal(aggregation, e.Aggregation);
        Assert.Equal(value, e.Value, 9);
        Assert.Equal(unit, e.Unit);
    }

    [Theory]
    [InlineData("max<4furlongs", "unknown unit 'furlongs'")]
    [InlineData("max<4gb", "unknown unit 'gb'")]
    [InlineData("p(101)<1s", "between 0 and 100")]
    public void ParseTarget_WrongUnitOrAggregation_SaysWhatIsWrong(string text, string expected)
    {
        var e = Assert.Throws<ThresholdSyntaxException>(() => ThresholdParser.ParseTarget(text));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PacersOwnMetrics_KeepTheirUnitsAndRefuseLast()
    {
        Assert.Null(ThresholdParser.Parse("p(95)<15ms").Unit);
        var plan = Plan("http_req_duration: [\"last<5\"]");

        Assert.Contains("'last<5' does not apply to http_req_duration", Errors(plan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("target_memory: [\"max<70ms\"]", "plan.yaml:5:19: 'max<70ms': a bound in time (ms, s …) does not fit target_memory, read in bytes (B, kB, MB, GB, KiB …) (write target_memory's bound in bytes (B, kB, MB, GB, KiB …), or in % of its limit)")]
    [InlineData("target_cpus: [\"max<70%\"]", "plan.yaml:5:3: unknown target metric 'target_cpus' (did you mean 'target_cpu'?)")]
    [InlineData("dotnet_gc_tim: [\"avg<0.1\"]", "plan.yaml:5:3: unknown target metric 'dotnet_gc_tim' (did you mean 'dotnet_gc_time'?)")]
    [InlineData("target_threads: [\"max<50%\"]", "plan.yaml:5:20: 'max<50%': '%' does not apply to target_threads, read in count: % is of a limit (cores, bytes) or a ratio itself (write target_threads's bound in count)")]
    [InlineData("target_memory: [\"rate<0.5\"]", "plan.yaml:5:19: 'rate<0.5' does not apply to target_memory, read in bytes (B, kB, MB, GB, KiB …) (a target metric takes avg, min, max, med, p(N) over its per-second values, last, and rate (the mean of a ratio or per-second metric))")]
    [InlineData("target_cpu: [\"count<5\"]", "plan.yaml:5:16: 'count<5' does not apply to target_cpu, read in cores")]
    [InlineData("target_cpu{source:cgroupp}: [\"max<1\"]", "plan.yaml:5:3: unknown source 'cgroupp' in 'target_cpu{source:cgroupp}' (did you mean 'cgroup'?)")]
    [InlineData("target_cpu{name:x}: [\"max<1\"]", "plan.yaml:5:3: 'target_cpu{name:x}': a target metric takes one tag, source")]
    [InlineData("target_cpu: [{ threshold: \"max<70%\", abortOnFail: true }]", "plan.yaml:5:53: abortOnFail does not apply to target_cpu: target metrics are judged after the run, on every second watched (drop abortOnFail; the run's verdict (exit 99) still fails on it)")]
    [InlineData("http_requests_total: [\"last<5\"]", "plan.yaml:5:3: unknown metric 'http_requests_total'")]
    public void PlanErrors_OnTargetThresholds_NameThePlaceAndTheFix(string threshold, string expected)
    {
        Assert.StartsWith(expected, Errors(Plan(threshold)), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TargetThresholds_AreRead_WithTheirSourceTag()
    {
        var specs = PlanParser.Parse(PlanText("target_cpu: [\"max<70%\"]\n  target_memory: [\"max<4GB\"]\n  target_throttled{source:cgroup}: [\"rate<0.01\"]\n  dotnet_gc_time: [\"avg<10%\"]\n  queue_depth{source:metrics}: [\"p(95)<100\"]\n  api_p99{source:prometheus}: [\"max<250ms\"]"), "plan.yaml").Thresholds;

        Assert.Equal(["target_cpu max<70%", "target_memory max<4GB", "target_throttled{source:cgroup} rate<0.01", "dotnet_gc_time avg<10%", "queue_depth{source:metrics} p(95)<100", "api_p99{source:prometheus} max<250ms"], specs.Select(s => $"{s.Key} {s.Text}"));
        Assert.All(specs, s => Assert.False(s.AbortOnFail));
    }

    [Fact]
    public void WatchedNames_AreTheScrapedSelectionAndTheQueryNames_WhichThresholdsMayNameWithoutASource()
    {
        var root = (YamlMappingNode)Root("watch: { metrics: { url: 'http://h/metrics', select: [\"http_requests_total\", 'queue_depth{pool=\"a\"}'] }, prometheus: { url: 'http://h', queries: { api_p99: 'x' } } }");
        var entries = root.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => e.Value);
        var reader = new PlanReader("plan.yaml");
        var thresholds = Root("{ api_p99: [\"max<250ms\"], queue_depth: [\"max<5\"], other_total: [\"max<1\"] }");

        var specs = ThresholdsSection.Read(reader, thresholds, [], [], [], [], ThresholdsSection.WatchedNames(entries));

        Assert.Equal(["http_requests_total", "queue_depth", "api_p99"], ThresholdsSection.WatchedNames(entries));
        Assert.Equal(["api_p99 max<250ms", "queue_depth max<5"], specs.Select(s => $"{s.Key} {s.Text}"));
        Assert.StartsWith("plan.yaml:1:51: unknown metric 'other_total'", reader.Errors.Single().ToString(), StringComparison.Ordinal);
    }

    private static YamlNode Root(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        return yaml.Documents[0].RootNode;
    }

    [Fact]
    public void Judge_OnConstructedFigures_PassFailNotMeasuredNoLimit_TheSameLiveAndFromTheFile()
    {
        var target = new TargetResult(
            [new TargetSourceResult("pid", "1234", 4, []), new TargetSourceResult("cgroup", "/sys/fs/cgroup/app", 4, [])],
            [
                Metric("target_cpu", "pid", "cores", null, 0.5, 1.1, 1.6, 0.9),
                Metric("target_memory", "pid", "bytes", 8e9, 1e9, 2e9, 3e9, 2e9),
                Metric("target_cpu", "cgroup", "cores", 2, 0.5, 1.1, 1.6, 0.9),
                Metric("target_throttled", "cgroup", "ratio", null, 0, 0.02, 0.04, 0.01),
            ]);
        string[] thresholds =
        [
            "target_cpu: [\"max<70%\"]", // pid comes first and knows no limit: give cores
            "target_cpu{source:cgroup}: [\"max<70%\", \"max<85%\"]", // 1.6 of 2 cores is 80%
            "target_cpu: [\"avg<1.1cores\", \"p(50)<1.2cores\", \"last<1core\", \"min>=0.5\"]",
            "target_memory: [\"max<4GB\", \"max<3GB\", \"max<50%\"]",
            "target_throttled: [\"rate<0.01\", \"rate<3%\"]",
            "target_oom_kills: [\"max<1\"]",
            "dotnet_gc_time: [\"avg<10%\"]",
        ];
        var result = ResultFileTests.Sample() with { Target = target };
        var specs = thresholds.SelectMany(t => ResultThresholds.ReadOption(result, t, "-t")).ToList();

        var saved = ResultThresholds.Judge(result, specs).Thresholds;
        var live = new MetricCatalog(new RecorderMetricSource(TestPlan, new RunRecorder(["a"]).Totals, TimeSpan.FromSeconds(4)) { Target = SavedResultMetricSource.TargetOf(target) });

        string[] expected =
        [
            "✗ target_cpu max<70%: no limit known for target_cpu: give cores, e.g. max<1.4cores",
            "✗ target_cpu{source:cgroup} max<70% = 0.8: 1.6 cores of a limit of 2 cores (cgroup)",
            "✓ target_cpu{source:cgroup} max<85% = 0.8: 1.6 cores of a limit of 2 cores (cgroup)",
            "✗ target_cpu avg<1.1cores = 1.1",
            "✓ target_cpu p(50)<1.2cores = 0.9",
            "✓ target_cpu last<1core = 0.9",
            "✓ target_cpu min>=0.5 = 0.5",
            "✓ target_memory max<4GB = 3000000000",
            "✗ target_memory max<3GB = 3000000000",
            "✓ target_memory max<50% = 0.375: 3000000000 bytes of a limit of 8000000000 bytes (pid)",
            "✗ target_throttled rate<0.01 = 0.02",
            "✓ target_throttled rate<3% = 0.02",
            "✗ target_oom_kills max<1: not measured: none of the watched sources (pid, cgroup) gives target_oom_kills (add --watch-cgroup)",
            "✗ dotnet_gc_time avg<10%: not measured: none of the watched sources (pid, cgroup) gives dotnet_gc_time (add --watch-dotnet)",
        ];
        Assert.Equal(expected, saved.Select(Line));
        Assert.Equal(expected, specs.Select(live.Judge).Select(v => Line(ThresholdResults.From([v]).Single())));
    }

    [Fact]
    public void Judge_NothingWatched_FailsAsNotMeasured_NeverPasses()
    {
        var result = ResultFileTests.Sample();

        var check = ResultThresholds.Judge(result, ResultThresholds.ReadOption(result, "target_cpu: max<70%", "-t"));

        Assert.False(check.Passed);
        Assert.Equal("not measured: no watch source gives target_cpu (add --watch-pid or watch:)", check.Thresholds.Single().Note);
    }

    [Fact]
    public void Judge_ScrapedMetric_ByItsSource_UnitCheckedWhenJudged()
    {
        var target = new TargetResult(
            [new TargetSourceResult("metrics", "http://127.0.0.1:1/metrics", 3, [])],
            [Metric("queue_depth", "metrics", "count", null, 3, 7, 12, 5), Metric("api_latency", "metrics", "ms", null, 2, 9, 30, 4)]);
        var result = ResultFileTests.Sample() with { Target = target };
        var specs = new[] { "queue_depth{source:metrics}: [\"max<20\", \"max<50%\"]", "api_latency{source:metrics}: [\"p(95)<25ms\", \"avg<0.01s\"]" }
            .SelectMany(t => ResultThresholds.ReadOption(result, t, "-t")).ToList();

        var verdicts = ResultThresholds.Judge(result, specs).Thresholds;

        Assert.Equal(
            [
                "✓ queue_depth{source:metrics} max<20 = 12",
                "✗ queue_depth{source:metrics} max<50%: not judged: '%' does not apply to queue_depth, read in count: % is of a limit (cores, bytes) or a ratio itself",
                "✗ api_latency{source:metrics} p(95)<25ms = 30",
                "✓ api_latency{source:metrics} avg<0.01s = 9",
            ],
            verdicts.Select(Line));
    }

    [Fact]
    public void Percentile_IsTheNearestRank_OfThePerSecondValues()
    {
        double[] values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];

        Assert.Equal((5.0, 10.0, 1.0, 10.0), (TargetThresholds.Percentile(values, 50), TargetThresholds.Percentile(values, 95), TargetThresholds.Percentile(values, 0), TargetThresholds.Percentile(values, 100)));
    }

    private static readonly LoadPlan TestPlan = PlanParser.Parse("target: http://127.0.0.1:9/\nrequests: [{ name: a, path: /a }]\nload: { model: open, rate: 10, duration: 1s }\n", "t.yaml");

    /// <summary>A metric whose four seconds are <paramref name="values"/>-like: min, mean, max and last as given, the seconds chosen to have them.</summary>
    private static TargetMetricResult Metric(string name, string source, string unit, double? limit, double min, double mean, double max, double last)
    {
        // Four seconds with the given min, max and last, and the fourth value chosen so the mean is as given.
        var third = (4 * mean) - min - max - last;
        double[] seconds = [min, third, max, last];
        return new TargetMetricResult(name, source, unit, mean, max, max, [.. seconds.Select((v, i) => new TargetPointResult(i + 1, v))]) { Limit = limit, Min = min, Last = last };
    }

    private static string Line(ThresholdResult t) =>
        $"{(t.Passed ? "✓" : "✗")} {t.Metric} {t.Expression}" + (t.Actual is { } a ? FormattableString.Invariant($" = {Math.Round(a, 6)}") : string.Empty) + (t.Note is { } n ? $": {n}" : string.Empty);

    private static string PlanText(string thresholds) =>
        $"target: http://127.0.0.1:9/\nrequests: [{{ name: a, path: /a }}]\nload: {{ model: open, rate: 10, duration: 1s }}\nthresholds:\n  {thresholds}\n";

    private static Func<LoadPlan> Plan(string thresholds) => () => PlanParser.Parse(PlanText(thresholds), "plan.yaml");

    private static string Errors(Func<LoadPlan> parse) => string.Join("\n", Assert.Throws<PlanException>(parse).Errors);
}

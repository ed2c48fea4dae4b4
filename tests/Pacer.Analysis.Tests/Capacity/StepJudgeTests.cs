using Pacer.Analysis.Capacity;
using Pacer.Analysis.Tests.Findings;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Capacity;

public sealed class StepJudgeTests
{
    [Fact]
    public void A_step_that_met_everything_holds_with_its_figures()
    {
        var step = StepJudge.Summarize(Run(1000, 0, 0, thresholdPassed: true), 100, open: true, new CapacityCriteria());

        Assert.True(step.Held, string.Join("; ", step.Breaches));
        Assert.Equal(100, step.Achieved, 6);
        Assert.Equal(12, step.P95);
        Assert.Equal(8, step.MeanLatency);
        Assert.Equal(0.8, step.Concurrency, 6);
        Assert.Equal(0.5, step.TargetCpu);
        Assert.Equal(2, step.TargetCpuLimit);
        Assert.Equal(64e6, step.TargetMemory);
    }

    [Fact]
    public void Every_way_a_step_misses_is_named()
    {
        var run = Run(800, 40, 50, thresholdPassed: false) with { Generator = new GeneratorInfo(3, 8, 40, 0.9, 1, 0.5, 2, true) { SaturatedBy = ["late_requests"] } };

        var step = StepJudge.Summarize(run, 100, open: true, new CapacityCriteria { MaxTargetCpu = 0.2 });

        Assert.False(step.Held);
        Assert.True(step.GeneratorLimited);
        Assert.Contains(step.Breaches, b => b.StartsWith("http_req_duration p(95)<10ms (was 12)", StringComparison.Ordinal));
        Assert.Contains(step.Breaches, b => b.StartsWith("errors 5%", StringComparison.Ordinal));
        Assert.Contains(step.Breaches, b => b.StartsWith("dropped 5%", StringComparison.Ordinal));
        Assert.Contains(step.Breaches, b => b.StartsWith("completed 80/s of 100/s", StringComparison.Ordinal));
        Assert.Contains(step.Breaches, b => b.StartsWith("target CPU 25%", StringComparison.Ordinal));
        Assert.DoesNotContain(step.Breaches, b => b.Contains("generator", StringComparison.Ordinal));
    }

    [Fact]
    public void A_saturated_generator_is_flagged_but_a_step_that_met_its_targets_despite_it_holds()
    {
        var run = Run(1000, 0, 0, thresholdPassed: true) with { Generator = new GeneratorInfo(3, 30, 40, 0.9, 1, 0.5, 2, true) { SaturatedBy = ["late_requests"] } };

        var step = StepJudge.Summarize(run, 100, open: true, new CapacityCriteria());

        Assert.True(step.Held);
        Assert.True(step.GeneratorLimited);
    }

    [Fact]
    public void A_miss_far_beyond_the_generators_lag_is_the_services_even_when_the_generator_was_saturated()
    {
        // p95 12 ms against a lag p99 of 5 ms: the lag cannot explain the miss.
        var run = Run(1000, 0, 0, thresholdPassed: false) with { Generator = new GeneratorInfo(1, 5, 9, 0.9, 1, 0.5, 2, true) { SaturatedBy = ["late_requests"] } };

        var step = StepJudge.Summarize(run, 100, open: true, new CapacityCriteria());

        Assert.False(step.Held);
        Assert.False(step.GeneratorLimited);
    }

    [Fact]
    public void The_achieved_rate_leaves_out_the_first_second_and_the_drain_after_the_load()
    {
        var run = Run(1000, 0, 0, thresholdPassed: true);
        var series = run.Series.Select(i => i with { Requests = i.T == 1 ? 10 : 50 }).Append(run.Series[^1] with { T = 11, Requests = 900 }).ToList();

        var step = StepJudge.Summarize(run with { Series = series }, 100, open: true, new CapacityCriteria());

        Assert.Equal(50, step.Achieved, 6);
        Assert.Contains(step.Breaches, b => b.StartsWith("completed 50/s of 100/s", StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_of_two_seconds_counts_its_load_period_from_time_zero_and_still_leaves_out_the_drain()
    {
        // 2 s at 100/s offered, 60 answered a second, then 80 more finishing in the drain: 120 + 80 over 2 s would look like 100/s.
        var run = Run(200, 0, 0, thresholdPassed: true);
        var series = new[] { run.Series[0] with { T = 1, Requests = 60 }, run.Series[0] with { T = 2, Requests = 60 }, run.Series[0] with { T = 3, Requests = 80 } };

        var step = StepJudge.Summarize(run with { Series = series, LoadSeconds = 2 }, 100, open: true, new CapacityCriteria());

        Assert.Equal(60, step.Achieved, 6);
        Assert.Contains(step.Breaches, b => b.StartsWith("completed 60/s of 100/s", StringComparison.Ordinal));
    }

    [Fact]
    public void A_closed_step_is_not_held_to_an_offered_rate()
    {
        var step = StepJudge.Summarize(Run(800, 0, 0, thresholdPassed: true), 100, open: false, new CapacityCriteria());

        Assert.True(step.Held, string.Join("; ", step.Breaches));
    }

    private static RunResult Run(long requests, long errors, long dropped, bool thresholdPassed)
    {
        var run = ConstructedRun.Healthy(10);
        run = run with
        {
            LoadSeconds = 10,
            Series = [.. run.Series.Select(i => i with { Requests = requests / 10 })],
            Metrics = new Dictionary<string, MetricResult>(run.Metrics)
            {
                ["http_reqs"] = new() { Type = "counter", Count = requests },
                ["http_req_failed"] = new() { Type = "rate", Passes = errors, Fails = requests - errors },
                ["dropped_iterations"] = new() { Type = "counter", Count = dropped },
                ["http_req_duration"] = new() { Type = "trend", Count = requests, Mean = 8, P50 = 7, P95 = 12, P99 = 20 },
            },
            Thresholds = [new ThresholdResult("http_req_duration", "p(95)<10ms", thresholdPassed, thresholdPassed ? 9 : 12, false, null)],
        };
        return run.Watched(
            "process",
            ConstructedRun.Metric(run, "target_cpu", "process", "cores", _ => 0.5, limit: 2),
            ConstructedRun.Metric(run, "target_memory", "process", "bytes", _ => 64e6));
    }
}

using Pacer.Analysis.Capacity;
using Pacer.Cli.Pipeline;
using Pacer.Core.Plans;

namespace Pacer.Cli.Tests;

public sealed class EngineStepRunnerTests
{
    private static LoadPlan Plan(string load, string thresholds) => PlanParser.Parse($"""
        name: p
        target: http://127.0.0.1:9/
        load:
          {load}
        requests:
          - path: /
        thresholds:
          {thresholds}
        """, "plan.yaml");

    private static CapacitySettings Settings => new(new CapacitySearchOptions(10, 100, 1), new CapacityCriteria(), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3));

    [Fact]
    public void A_step_is_the_plan_holding_its_level_from_the_first_second_for_the_longest_step_time_without_a_request_bound()
    {
        var plan = Plan("model: open\n  stages:\n    - {duration: 5s, target: 100}\n    - {duration: 5s, target: 300}\n  max_requests: 50", "http_req_failed: [\"rate<0.01\"]");
        var runner = new EngineStepRunner(plan, Settings, null, CancellationToken.None);

        var step = runner.AtLevel(42.5);

        Assert.True(runner.Open);
        Assert.Equal(42.5, step.Load.StartTarget);
        Assert.Equal([new Stage(TimeSpan.FromSeconds(7), 42.5)], step.Load.Stages);
        Assert.Null(step.Load.MaxRequests);
        Assert.Equal(plan.Requests, step.Requests);
        Assert.Equal(plan.Thresholds, step.Thresholds);
    }

    [Fact]
    public void The_tightest_latency_bound_is_the_one_a_step_is_clearly_over_at_four_times()
    {
        var plan = Plan("model: closed\n  vus: 3\n  duration: 2s", "http_req_duration: [\"p(95)<100ms\", \"avg<40ms\", \"p(50)>1ms\"]\n  http_req_failed: [\"rate<0.5\"]");
        var runner = new EngineStepRunner(plan, Settings, null, CancellationToken.None);

        Assert.False(runner.Open);
        Assert.Equal(40, runner.LatencyLimitMs);
        Assert.Null(new EngineStepRunner(Plan("model: open\n  rate: 5\n  duration: 1s", "http_req_failed: [\"rate<0.5\"]"), Settings, null, CancellationToken.None).LatencyLimitMs);
    }
}

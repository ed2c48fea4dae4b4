using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Plans;

public sealed class ConstantLevelTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(7);

    [Fact]
    public void A_request_mix_holds_the_level_from_the_first_second_without_its_request_bound()
    {
        var plan = PlanParser.Parse("""
            target: http://127.0.0.1:8080
            load: { model: open, stages: [{ duration: 5s, target: 100 }, { duration: 5s, target: 300 }], max_requests: 50, max_connections: 7 }
            requests: [{ path: / }]
            """, "mix.yaml");

        var held = ConstantLevel.Hold(plan, 42.5, Step);

        Assert.Equal(LoadModel.Open, ConstantLevel.ModelOf(plan));
        Assert.Equal(300, ConstantLevel.Peak(plan));
        Assert.Equal(42.5, held.Load.StartTarget);
        Assert.Equal([new Stage(Step, 42.5)], held.Load.Stages);
        Assert.Null(held.Load.MaxRequests);
        Assert.Equal(7, held.Load.MaxConnections);
        Assert.Equal([new KeyValuePair<string, double>("the plan's load", 1)], ConstantLevel.Shares(plan));
    }

    [Fact]
    public void Scenarios_with_loads_of_their_own_take_the_level_by_their_share_of_the_peak_targets_and_add_up_to_it()
    {
        // The plan's load peaks at 50/s, browse at 150/s (after a ramp from 30), search at 0 … 100/s: shares 1/6, 1/2, 1/3.
        var plan = PlanParser.Parse("""
            target: http://127.0.0.1:8080
            load: { model: open, rate: 50, duration: 10s }
            scenarios:
              - name: home
                steps: [{ path: / }]
              - name: browse
                load: { model: open, start_rate: 30, stages: [{ duration: 1m, target: 150 }], max_requests: 9 }
                steps: [{ path: /products }]
              - name: search
                load: { model: open, stages: [{ duration: 20s, target: 100 }, { duration: 20s, target: 0 }] }
                steps: [{ path: /search }]
            """, "own.yaml");

        var held = ConstantLevel.Hold(plan, 600, Step);

        Assert.Equal(300, ConstantLevel.Peak(plan));
        Assert.Equal(100, held.Load.StartTarget, 9);
        Assert.Equal(300, held.Scenarios[1].Load!.StartTarget, 9);
        Assert.Equal(200, held.Scenarios[2].Load!.StartTarget, 9);
        Assert.Null(held.Scenarios[0].Load);
        Assert.All(held.Scenarios.Where(s => s.Load is not null), s => Assert.Equal([new Stage(Step, s.Load!.StartTarget)], s.Load!.Stages));
        Assert.Null(held.Scenarios[1].Load!.MaxRequests);
        Assert.Equal(600, held.Load.StartTarget + held.Scenarios.Sum(s => s.Load?.StartTarget ?? 0), 9);
        Assert.Equal(["the plan's load", "scenario 'browse'", "scenario 'search'"], ConstantLevel.Shares(plan).Select(s => s.Key));
    }

    [Fact]
    public void Closed_scenarios_get_whole_users_that_add_up_to_the_level()
    {
        // No load at the top: the plan's load only stands for the plan in reports, and shows the whole level.
        var plan = PlanParser.Parse("""
            target: http://127.0.0.1:8080
            scenarios:
              - name: a
                load: { model: closed, vus: 2, duration: 10s }
                steps: [{ path: /a }]
              - name: b
                load: { model: closed, vus: 1, duration: 5s }
                steps: [{ path: /b }]
            """, "closed.yaml");

        var held = ConstantLevel.Hold(plan, 7, Step);

        Assert.Equal(LoadModel.Closed, ConstantLevel.ModelOf(plan));
        Assert.Equal([5.0, 2.0], held.Scenarios.Select(s => s.Load!.StartTarget));   // 4⅔ and 2⅓: the larger remainder gets the seventh user
        Assert.Equal(7, held.Load.StartTarget);
        Assert.Equal(Step, held.Load.Duration);
        Assert.Equal([1.0, 0.0], ConstantLevel.Hold(plan, 1, Step).Scenarios.Select(s => s.Load!.StartTarget));
    }

    [Fact]
    public void A_scenario_whose_model_differs_from_the_plans_is_refused_naming_its_load()
    {
        var plan = PlanParser.Parse("""
            target: http://127.0.0.1:8080
            load: { model: open, rate: 50, duration: 10s }
            scenarios:
              - name: home
                steps: [{ path: / }]
              - name: buy
                load: { model: closed, vus: 3, duration: 10s }
                steps: [{ path: /cart }]
            """, "mixed.yaml");

        var error = Assert.Throws<PlanException>(() => ConstantLevel.ModelOf(plan)).Errors.Single();

        Assert.Equal(("mixed.yaml", 7, 11), (error.Path, error.Line, error.Column));
        Assert.Contains("scenario 'buy' has a load of its own in the closed model (virtual users), but the plan's load is in the open model", error.Message, StringComparison.Ordinal);
        Assert.Throws<PlanException>(() => ConstantLevel.Hold(plan, 10, Step));
        var atLoad = ConstantLevel.LoadError(plan, "m");
        Assert.Equal((2, 7), (atLoad.Line, atLoad.Column));
    }
}

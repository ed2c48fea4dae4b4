using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Plans;

/// <summary>The most exchanges a plan may have in flight: what <c>pacer doctor</c> judges open files and ports against.</summary>
public sealed class PlanConcurrencyTests
{
    [Theory]
    [InlineData("load: { model: open, rate: 100, duration: 10s, max_connections: 250 }", 250)]
    [InlineData("load: { model: open, rate: 100, duration: 10s }", LoadProfile.DefaultMaxConnections)]
    [InlineData("load: { model: closed, vus: 40, duration: 10s }", 40)]
    [InlineData("load: { model: closed, stages: [{ duration: 5s, target: 10 }, { duration: 5s, target: 60 }, { duration: 5s, target: 5 }] }", 60)]
    public void Peak_RequestMix_IsThePoolOrThePeakOfUsers(string load, int expected)
    {
        var plan = PlanParser.Parse($"target: http://127.0.0.1:8080\nrequests: [{{ path: / }}]\n{load}\n", "mix.yaml");

        Assert.Equal(expected, PlanConcurrency.Peak(plan));
    }

    [Fact]
    public void Peak_AFractionOfAUserInACSharpPlan_CountsAWholeOne()
    {
        var load = new LoadProfile(LoadModel.Closed, 2.5, [new Stage(TimeSpan.FromSeconds(5), 1)], 0, TimeSpan.Zero, null, TimeSpan.Zero);

        Assert.Equal(3, PlanConcurrency.Peak(load));
    }

    [Fact]
    public void Peak_ScenariosWithLoadsOfTheirOwn_AreSummedWithTheSharedLoad()
    {
        var plan = PlanParser.Parse("""
            target: http://127.0.0.1:8080
            scenarios:
              - name: browse
                load: { model: open, rate: 200, duration: 1m, max_connections: 300 }
                steps: [{ path: /products }]
              - name: buy
                load: { model: closed, stages: [{ duration: 30s, target: 20 }, { duration: 30s, target: 5 }] }
                steps: [{ path: /cart }]
              - name: look
                steps: [{ path: /health }]
            load: { model: closed, vus: 7, duration: 1m }
            """, "lanes.yaml");

        Assert.Equal(300 + 20 + 7, PlanConcurrency.Peak(plan));
    }

    [Fact]
    public void Peak_EveryScenarioWithItsOwnLoad_LeavesThePlansLoadOut()
    {
        var plan = PlanParser.Parse("""
            target: http://127.0.0.1:8080
            scenarios:
              - name: browse
                load: { model: closed, vus: 3, duration: 1m }
                steps: [{ path: /products }]
              - name: buy
                load: { model: closed, vus: 4, duration: 1m }
                steps: [{ path: /cart }]
            """, "own.yaml");

        Assert.Equal(7, PlanConcurrency.Peak(plan));
    }
}

using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Plans;

public sealed class PlanScalingTests
{
    [Fact]
    public void ScaleTo_ScenariosWithLoadsOfTheirOwn_AreScaledByTheSameFactor()
    {
        var plan = PlanParser.Parse("""
            target: http://127.0.0.1:8080
            scenarios:
              - name: browse
                load: { model: open, rate: 200, duration: 5m }
                steps: [{ path: /products }]
              - name: buy
                load: { model: closed, stages: [{ duration: 1m, target: 20 }, { duration: 4m, target: 20 }] }
                steps: [{ path: /cart }]
              - name: short
                load: { model: closed, vus: 2, duration: 2m30s }
                steps: [{ path: /health }]
            """, "scaled.yaml");

        var scaled = plan.ScaleTo(TimeSpan.FromSeconds(30));

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15)], scaled.Scenarios.Select(s => s.Load!.Duration));
        Assert.Equal([TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(24)], scaled.Scenarios[1].Load!.Stages.Select(s => s.Duration));
        Assert.Equal(["browse", "buy", "short"], scaled.Scenarios.Select(s => s.Name));
    }
}

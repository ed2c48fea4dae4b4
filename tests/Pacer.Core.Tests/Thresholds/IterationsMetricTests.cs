using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Thresholds;

/// <summary>
/// <c>iterations</c> of a scenario plan counts journeys, not requests: the summary, the result file and the thresholds must all
/// say so (issue 14: a three-step journey printed iterations 17,131 while its threshold said actual 51,393).
/// </summary>
public sealed class IterationsMetricTests
{
    [Fact]
    public async Task ThreeStepScenario_IterationsThresholdJudgesIterations_NotRequests()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            scenarios:
              - name: journey
                steps: [{ name: one, path: /1 }, { name: two, path: /2 }, { name: three, path: /3 }]
            load: { model: open, rate: 20, duration: 500ms }
            thresholds:
              iterations: ["count<1000000"]
            """, "three-steps.yaml");

        await using var transport = PlanTransport.Create(plan);
        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        var result = ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), transport.Name, transport.FirstErrorExamples);

        var iterations = result.Metrics["iterations"].Count!.Value;
        Assert.Equal(10, iterations);
        Assert.Equal(3 * iterations, result.Metrics["http_reqs"].Count);
        Assert.Equal(iterations, result.Thresholds.Single().Actual);
    }
}

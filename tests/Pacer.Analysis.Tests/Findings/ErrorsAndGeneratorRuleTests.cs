using Pacer.Analysis.Findings;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Findings;

public sealed class ErrorsAndGeneratorRuleTests
{
    /// <summary>A ramp from 10 to 200 iterations/s over 20 s, failing <paramref name="errorsAt"/>(planned load) of each second's requests.</summary>
    private static RunResult Ramp(Func<double, double> errorsAt)
    {
        var run = ConstructedRun.Healthy(20);
        return run with
        {
            Series = [.. run.Series.Select(i =>
            {
                var load = 10 * i.T;
                var requests = (long)load;
                return i with { Target = load, Requests = requests, Errors = (long)Math.Round(requests * errorsAt(load)) };
            })],
        };
    }

    [Fact]
    public void ErrorsRose_FailuresOnlyAboveALoad_SaysTheRatesAndTheLoads()
    {
        var finding = new ErrorsRoseRule().Evaluate(Ramp(load => load > 120 ? 0.1 : 0));

        Assert.NotNull(finding);
        Assert.StartsWith("0.09 of requests failed in the busier half of the seconds (planned load 155) against 0 in the quieter half (55)", Plain.Text(finding), StringComparison.Ordinal);
        Assert.Equal(FindingUnit.PerSecond, finding.Evidence("load_busy").Unit);
    }

    [Fact]
    public void ErrorsRose_TheSameShareAtEveryLoad_IsNoFinding() =>
        Assert.Null(new ErrorsRoseRule().Evaluate(Ramp(_ => 0.05)));

    [Fact]
    public void ErrorsRose_UnderOnePercentInTheBusierHalf_IsNoFinding() =>
        // 12 failures of the busier half's 1,550 requests: 0.77%.
        Assert.Null(new ErrorsRoseRule().Evaluate(Ramp(load => load > 120 ? 0.009 : 0)));

    [Fact]
    public void ErrorsRose_ConstantLoad_SaysTheyRoseAsTheRunWentOn()
    {
        var run = ConstructedRun.Healthy(20);
        run = run with { Series = [.. run.Series.Select(i => i with { Errors = i.T > 10 ? 10 : 0 })] };

        var finding = new ErrorsRoseRule().Evaluate(run);

        Assert.NotNull(finding);
        Assert.Equal("0.1 of requests failed in its second half against 0 in its first (the planned load did not change)", Plain.Text(finding));
        Assert.Equal("errors rose over the run", finding.Title);
    }

    [Fact]
    public void Generator_Saturated_NamesEachPieceOfEvidence()
    {
        var run = ConstructedRun.Healthy() with
        {
            Generator = new GeneratorInfo(1, 12, 30, 0.5, 0.99, 0.4, 2, true) { LoopBusyFraction = 0.3, SaturatedBy = ["late_requests", "cpu", "event_loop"] },
        };

        var finding = new GeneratorLimitRule().Evaluate(run);

        Assert.NotNull(finding);
        Assert.Equal(
            "the generator, not the service, was the limit: requests went out late (scheduling lag p99 12), Pacer's CPU was above 90% of its cores for 0.4 of the run,"
            + " an event loop was busy for 0.3 of the run; give Pacer more cores or a second machine before reading the service's numbers",
            Plain.Text(finding));
    }

    [Fact]
    public void Generator_KeptUp_IsNoFinding() =>
        Assert.Null(new GeneratorLimitRule().Evaluate(ConstructedRun.Healthy()));
}

using System.Xml.Linq;
using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Reports.Compare;

namespace Pacer.Reports.Tests.Compare;

/// <summary>How one comparison row reads in the console, Markdown and JUnit (issue 15's "pacer compare" bullet).</summary>
public sealed class CompareRowTextTests
{
    private static ComparisonRow Row(
        string metric = "p95",
        string unit = "ms",
        double baseline = 1,
        double current = 1,
        double change = 0,
        double lower = -0.1,
        double upper = 0.1,
        double? p = 0.5,
        Verdict verdict = Verdict.Inconclusive,
        double threshold = 0.05,
        int n = 1) =>
        new("all", metric, unit, MetricDirection.LowerIsBetter, baseline, current, change, lower, upper, p, p, n, n, threshold, verdict, "test", null, []);

    [Fact]
    public void P_SmallerThanADoubleCanHold_PrintsTheBoundNotZero()
    {
        // Newcombe's interval still leaves out 0 at z = 40: 2Φ(−40) underflows to 0, which printed as "p=0.0e0".
        Assert.Equal("p<1e-300", CompareText.P(Row(p: 0)));
        Assert.Equal("p=1.2e-31", CompareText.P(Row(p: 1.2e-31)));
        Assert.Equal("~ (p=0.33)", CompareText.P(Row(p: 0.33)));
    }

    [Theory]
    [InlineData(-0.0001, "0.0%")]
    [InlineData(-0.0004999, "0.0%")]
    [InlineData(0.0001, "0.0%")]
    [InlineData(-0.0006, "-0.1%")]
    [InlineData(0.123, "+12.3%")]
    [InlineData(111.301, "+11,130.1%")]
    public void Percent_NeverReadsMinusZero(double change, string expected) => Assert.Equal(expected, CompareText.Percent(change));

    [Fact]
    public void Change_ErrorRateThatRoundsToNothing_HasNoMinusZero()
    {
        var row = Row(metric: "error_rate", unit: "ratio", change: -0.00001, lower: -0.0095, upper: 0.0095);

        Assert.Equal("0.00 pp [-0.95 pp, +0.95 pp]", CompareText.Change(row));
    }

    [Fact]
    public void Verdict_EquivalentByTheNoiseFloor_SaysSoInTheRow()
    {
        var row = Row(baseline: 0.231, current: 0.186, change: -0.16, lower: -0.405, upper: 0.213, verdict: Verdict.Equivalent) with { Basis = VerdictBasis.NoiseFloor };

        Assert.StartsWith("equivalent by the noise floor (a 45.0 µs difference", CompareText.Verdict(row), StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_NoErrorsOnEitherSide_SaysWhyItIsEquivalent() =>
        Assert.Equal("equivalent (no errors on either side)", CompareText.Verdict(Row(metric: "error_rate", unit: "ratio", baseline: 0, current: 0, verdict: Verdict.Equivalent) with { Basis = VerdictBasis.NoErrors }));

    [Fact]
    public void Verdict_BeyondTheThresholdButNotSignificant_SaysWhyItIsInconclusive()
    {
        var row = Row(change: 0.2, lower: 0.19, upper: 0.21, p: 0.27) with { Basis = VerdictBasis.NotSignificantAfterCorrection };

        Assert.Equal("~ (p=0.27)", CompareText.P(row));
        Assert.StartsWith("inconclusive (beyond the threshold, but not significant", CompareText.Verdict(row), StringComparison.Ordinal);
    }

    [Fact]
    public void Value_NoRequestsOnASide_IsADashNotZero() => Assert.Equal("–", CompareText.Value(double.NaN, "ratio"));

    [Fact]
    public void JUnit_RegressionMessage_GivesTheThresholdAsAPercentage()
    {
        var report = Report(
            Row(change: 0.2, lower: 0.15, upper: 0.25, p: 0.001, verdict: Verdict.Regressed),
            Row(metric: "error_rate", unit: "ratio", baseline: 0, current: 0.3, change: 0.3, lower: 0.28, upper: 0.31, p: 0, verdict: Verdict.Regressed, threshold: 0.005));

        var messages = XDocument.Parse(CompareJUnitWriter.Write(report)).Descendants("failure").Select(f => (string)f.Attribute("message")!).ToList();

        Assert.EndsWith("(threshold 5%)", messages[0], StringComparison.Ordinal);
        Assert.EndsWith("(threshold 0.5 pp)", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_BenchmarkRow_ShowsItsMeasurementsASide()
    {
        var markdown = CompareMarkdownWriter.Write(Report(Row(metric: "time/op", unit: "ns", n: 5)));

        Assert.Contains("| 5+5 |", markdown, StringComparison.Ordinal);
    }

    private static ComparisonReport Report(params ComparisonRow[] rows) => new(["a"], ["b"], rows, new Dictionary<string, double>(), []);
}

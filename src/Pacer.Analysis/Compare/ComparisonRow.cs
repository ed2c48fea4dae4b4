using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.Compare;

/// <summary>One quantity compared: both sides' values, the change with its confidence interval, and the verdict.</summary>
/// <param name="Group">Request name, <c>all</c>, benchmark or command.</param>
/// <param name="Metric">p95, rps, error_rate, time/op …</param>
/// <param name="Unit">Unit of the two values.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Baseline">Baseline value (mean over its runs; error rate pooled).</param>
/// <param name="Current">Current value.</param>
/// <param name="Change">Relative change current/baseline − 1 (error rate: absolute difference).</param>
/// <param name="Lower">Lower end of the change's confidence interval.</param>
/// <param name="Upper">Upper end.</param>
/// <param name="PValue">Two-sided p-value of "no difference", before correction (null when not computable).</param>
/// <param name="AdjustedP">Holm-adjusted across all rows.</param>
/// <param name="BaselineRuns">Runs on the baseline side; for microbenchmarks, the measurements (each a run of the benchmark, as
/// <c>go test -count</c> makes them), since those are what the test counts.</param>
/// <param name="CurrentRuns">Runs (microbenchmarks: measurements) on the current side.</param>
/// <param name="Threshold">The threshold that applied.</param>
/// <param name="Verdict">The four-state verdict.</param>
/// <param name="Method">How the interval was computed, in a few words.</param>
/// <param name="RunsToSettle">Inconclusive rows: runs a side that would likely settle it.</param>
/// <param name="Notes">Caveats: few samples, noisy, bimodal, one run a side.</param>
public sealed record ComparisonRow(
    string Group,
    string Metric,
    string Unit,
    MetricDirection Direction,
    double Baseline,
    double Current,
    double Change,
    double Lower,
    double Upper,
    double? PValue,
    double? AdjustedP,
    int BaselineRuns,
    int CurrentRuns,
    double Threshold,
    Verdict Verdict,
    string Method,
    int? RunsToSettle,
    IReadOnlyList<string> Notes)
{
    /// <summary>Whether the change is statistically significant after correction (benchstat prints <c>~</c> otherwise).</summary>
    public bool Significant => AdjustedP is < 0.05;

    /// <summary>What the verdict rests on: the interval, the noise floor, no errors on either side, or no interval at all.</summary>
    public VerdictBasis Basis { get; init; } = VerdictBasis.Interval;
}

namespace Pacer.Reports.Tuning;

/// <summary>
/// The winner measured again against the default settings, several runs a side in alternation, judged by <c>pacer compare</c>'s
/// statistics (RunComparer) on the objective.
/// </summary>
/// <param name="Defaults">The objective of each run with the default settings.</param>
/// <param name="Best">The objective of each run with the winning settings.</param>
/// <param name="Verdict">improved, regressed, equivalent or inconclusive: the winner against the defaults.</param>
/// <param name="Change">The winner's objective against the defaults', as compare gives it: a relative change (0.10: 10% higher).</param>
/// <param name="Lower">The change's interval, low end.</param>
/// <param name="Upper">The change's interval, high end.</param>
/// <param name="PValue">The test's p-value, when there is one.</param>
/// <param name="Method">How compare judged it.</param>
internal sealed record TuneConfirmation(IReadOnlyList<double> Defaults, IReadOnlyList<double> Best, string Verdict, double Change, double Lower, double Upper, double? PValue, string Method)
{
    /// <summary>Other rows compare found changed (p99, error rate …), as "metric: verdict" lines.</summary>
    public IReadOnlyList<string> Other { get; init; } = [];
}

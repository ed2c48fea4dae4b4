namespace Pacer.Core.Results;

/// <summary>One objective of the plan's <c>slo:</c> section, judged on the run with its error budget (docs/results-schema.md#slo).</summary>
/// <param name="Name">The objective's name.</param>
/// <param name="Metric">What counted its events: <c>http_req_failed</c>, <c>checks</c> or a latency.</param>
/// <param name="Objective">The promised share of good events (0.999 for 99.9%).</param>
/// <param name="BelowMs">For a latency: the bound a good sample stays below, in ms; absent otherwise.</param>
/// <param name="Good">Good events.</param>
/// <param name="Bad">Bad events: total − good.</param>
/// <param name="Total">Every event counted.</param>
/// <param name="AllowedBad">The error budget over the run: (1 − objective) × total.</param>
/// <param name="BudgetConsumed">Bad events as a percentage of the budget (over 100: exhausted).</param>
/// <param name="BurnRate">
/// The run's bad share divided by the share the objective allows, (bad / total) / (1 − objective): 1 spends the budget exactly
/// as fast as the objective allows, 10 would spend a 30-day budget in 3 days. Over the run as its own window it is the budget
/// consumed as a ratio.
/// </param>
/// <param name="Passed">Whether the bad events stayed within the budget; false with no events (nothing to judge is not a pass).</param>
public sealed record SloResult(
    string Name,
    string Metric,
    double Objective,
    double? BelowMs,
    long Good,
    long Bad,
    long Total,
    double AllowedBad,
    double BudgetConsumed,
    double BurnRate,
    bool Passed)
{
    /// <summary>Why it could not be judged (no events); absent otherwise.</summary>
    public string? Note { get; init; }
}

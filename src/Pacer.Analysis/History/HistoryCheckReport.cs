namespace Pacer.Analysis.History;

/// <summary>What <see cref="HistoryCheck.Run(IReadOnlyList{HistorySeries}, HistoryCheckOptions, HistoryCheckCache?)"/> found over a set of series, and its verdict.</summary>
/// <param name="Series">Every series checked, in the order given, then one shape series per request with distributions.</param>
/// <param name="ChangePoints">Every reported change point, oldest run first.</param>
/// <param name="Failing">The change points that fail the check: each the newest of its series, a regression at least
/// <see cref="HistoryCheckOptions.Threshold"/> in size, not marked expected.</param>
/// <param name="Problems">Points that could not be used (a histogram that does not decode …), each saying which and why.</param>
/// <param name="Options">The options the check ran with.</param>
public sealed record HistoryCheckReport(
    IReadOnlyList<SeriesCheck> Series,
    IReadOnlyList<ChangePoint> ChangePoints,
    IReadOnlyList<ChangePoint> Failing,
    IReadOnlyList<string> Problems,
    HistoryCheckOptions Options)
{
    /// <summary>Whether the check fails (exit code 99): some series' newest change point is a regression beyond the threshold.</summary>
    public bool Failed => Failing.Count > 0;
}

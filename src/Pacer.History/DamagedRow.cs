namespace Pacer.History;

/// <summary>A row of the store that could not be read: reported and skipped, never silently lost.</summary>
/// <param name="Table">Its table (<c>runs</c>, <c>points</c>).</param>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="Problem">What is wrong with it.</param>
internal sealed record DamagedRow(string Table, long RunId, string Problem)
{
    /// <inheritdoc/>
    public override string ToString() => $"run #{RunId} ({Table}): {Problem}; skipped";
}

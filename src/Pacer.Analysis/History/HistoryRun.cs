namespace Pacer.Analysis.History;

/// <summary>One run kept in the history: where it came from and what it was run on.</summary>
/// <param name="Id">The store's id for the run (increasing in the order runs were recorded).</param>
/// <param name="RecordedAt">When the run was recorded (its own start time when the result says so).</param>
/// <param name="Plan">The plan's name.</param>
/// <param name="Commit">The commit measured (from CI variables or <c>git</c>, or <c>--label commit=…</c>), if known.</param>
/// <param name="Branch">Its branch, if known.</param>
/// <param name="CommitTime">The commit's author time, if known: history is ordered by it, then by <see cref="RecordedAt"/>.</param>
/// <param name="Labels">Every label, the three above included, and the user's own (<c>--label k=v</c>).</param>
public sealed record HistoryRun(
    long Id,
    DateTimeOffset RecordedAt,
    string Plan,
    string? Commit,
    string? Branch,
    DateTimeOffset? CommitTime,
    IReadOnlyDictionary<string, string> Labels);

using Pacer.Analysis.History;

namespace Pacer.History;

/// <summary>
/// A change point the team expects (a deliberate trade-off), marked with <c>pacer history expect</c>: <see cref="Change"/> is
/// what detection reads (<see cref="HistoryCheckOptions.Expected"/>), with when and why it was marked.
/// </summary>
/// <param name="Change">The series and the first run after the change.</param>
/// <param name="MarkedAt">When it was marked.</param>
/// <param name="Note">Why, if said.</param>
internal sealed record ExpectedMark(ExpectedChange Change, DateTimeOffset MarkedAt, string? Note);

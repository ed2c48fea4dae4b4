using Pacer.Analysis.History;

namespace Pacer.History;

/// <summary>
/// A change point the team expects (a deliberate trade-off), marked with <c>pacer history expect</c>: detection must not alert
/// on <paramref name="Key"/> at <paramref name="RunId"/>.
/// </summary>
/// <param name="Key">The series.</param>
/// <param name="RunId">The first run after the change.</param>
/// <param name="MarkedAt">When it was marked.</param>
/// <param name="Note">Why, if said.</param>
internal sealed record ExpectedChange(SeriesKey Key, long RunId, DateTimeOffset MarkedAt, string? Note);

namespace Pacer.History;

/// <summary>What a read of the store found, and the rows it had to skip (each said, so nothing is lost unseen).</summary>
/// <typeparam name="T">What was read.</typeparam>
/// <param name="Items">What was read.</param>
/// <param name="Damaged">The rows skipped, with why.</param>
internal sealed record HistoryRead<T>(IReadOnlyList<T> Items, IReadOnlyList<DamagedRow> Damaged);

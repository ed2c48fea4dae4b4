namespace Pacer.Analysis.History;

/// <summary>One result a check computed and a later check may reuse (see <see cref="HistoryCheckCache"/>).</summary>
/// <param name="Series">The series it belongs to (<c>Level:plan:group:metric</c> or <c>Shape:…</c>): a store replaces a
/// series' entries when that series is checked, and leaves other series' alone.</param>
/// <param name="Key">What was computed, over which data: a digest of the window's values, positions and options.</param>
/// <param name="Value">The result, as text only <see cref="HistoryCheck"/> reads.</param>
public sealed record HistoryCheckCacheEntry(string Series, string Key, string Value);

namespace Pacer.Analysis.History;

/// <summary>
/// What <see cref="HistoryCheck.Run(IReadOnlyList{HistorySeries}, HistoryCheckOptions, HistoryCheckCache?)"/> computed, kept
/// between checks so that appending runs re-examines only what they can change. Each entry is the result of one pure
/// computation (a window's split search, a candidate's extra permutations) keyed by a digest of everything it read — the
/// window's values and commits, its position, the options and the seed — so a check with the cache gives exactly the report a
/// check without it gives: an entry whose data changed (a run pruned, a value re-imported, other options) is simply never
/// looked up again. Not thread-safe: one check at a time.
/// </summary>
public sealed class HistoryCheckCache
{
    private readonly Dictionary<string, HistoryCheckCacheEntry> known;
    private readonly Dictionary<string, HistoryCheckCacheEntry> used = new(StringComparer.Ordinal);
    private readonly HashSet<string> checkedSeries = new(StringComparer.Ordinal);

    /// <summary>An empty cache: the check computes everything (and fills <see cref="Used"/> for the next one).</summary>
    public HistoryCheckCache()
        : this([])
    {
    }

    /// <summary>A cache holding what earlier checks computed (e.g. read back from the history store).</summary>
    /// <param name="entries">The entries; on a duplicate key the last wins (equal keys hold equal results).</param>
    public HistoryCheckCache(IEnumerable<HistoryCheckCacheEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        known = new Dictionary<string, HistoryCheckCacheEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            known[entry.Key] = entry;
        }
    }

    /// <summary>The entries the checks run with this cache read or computed: what to keep for the next check.</summary>
    public IReadOnlyCollection<HistoryCheckCacheEntry> Used => used.Values;

    /// <summary>The series the checks run with this cache examined (those whose older entries <see cref="Used"/> replaces).</summary>
    public IReadOnlyCollection<string> CheckedSeries => checkedSeries;

    /// <summary>How many results were taken from the cache instead of computed.</summary>
    public int Reused { get; private set; }

    /// <summary>How many results were computed.</summary>
    public int Computed { get; private set; }

    internal void Checking(string series) => checkedSeries.Add(series);

    /// <summary>
    /// The result under <paramref name="key"/>, computed (and kept) when the cache does not hold it or holds text that does not
    /// read back (a damaged row is recomputed, never trusted).
    /// </summary>
    internal T GetOrAdd<T>(string series, string key, Func<T> compute, Func<T, string> write, Func<string, T?> read)
        where T : class
    {
        if ((used.TryGetValue(key, out var entry) || known.TryGetValue(key, out entry)) && Decode(entry.Value, read) is { } cached)
        {
            Reused++;
            used[key] = entry;
            return cached;
        }

        Computed++;
        var result = compute();
        used[key] = new HistoryCheckCacheEntry(series, key, write(result));
        return result;
    }

    private static T? Decode<T>(string text, Func<string, T?> read)
        where T : class
    {
        try
        {
            return read(text);
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
        {
            // A damaged entry is only a lost shortcut: the caller computes the result again and the entry is replaced.
            return null;
        }
    }
}

namespace Pacer.Core.Recording;

/// <summary>
/// Each request name's per-second figures, kept on the ticker thread for the result's per-name series (the result writes only the
/// busiest names'). Only ticks in which a name completed requests are kept. Bounded: 200 names busy for an hour are 720,000
/// entries (about 37 MB) and fit; once <see cref="MaxEntries"/> are held, only the <see cref="KeptAfterBound"/> names busiest so
/// far keep theirs and every other name's are dropped for good, so a name's series is either complete or absent, never a part.
/// </summary>
internal sealed class NameSeries
{
    /// <summary>At 48 bytes an entry, about 48 MB: the most a run of many names over a long time holds.</summary>
    public const int MaxEntries = 1_000_000;

    /// <summary>Names that keep their series once the bound is reached: twice the result's, so a late climber among them still has one.</summary>
    public const int KeptAfterBound = 24;

    /// <summary>Entries a name's storage grows by: fixed chunks, so what is held is what is allocated (a doubling list allocates twice that).</summary>
    private const int ChunkSize = 256;

    private readonly List<NameSecond[]>?[] perName;
    private readonly int[] counts;
    private readonly bool[] dropped;
    private readonly long maxEntries;
    private long entries;

    /// <param name="names">Request names, in plan order.</param>
    /// <param name="maxEntries">The bound (<see cref="MaxEntries"/>; smaller in tests).</param>
    public NameSeries(int names, long maxEntries = MaxEntries)
    {
        this.maxEntries = maxEntries;
        perName = new List<NameSecond[]>?[names];
        counts = new int[names];
        dropped = new bool[names];
    }

    /// <summary>True once the bound was reached and the less busy names' series were dropped.</summary>
    public bool Bounded { get; private set; }

    /// <summary>Entries held now.</summary>
    public long Entries => entries;

    /// <summary>Keeps tick <paramref name="tick"/>'s figures of every name still kept; <paramref name="totals"/> rank the names if the bound is reached.</summary>
    public void Add(int tick, ReadOnlySpan<NameInterval> intervals, IReadOnlyList<RequestTotals> totals)
    {
        for (var i = 0; i < intervals.Length; i++)
        {
            var interval = intervals[i];
            if (interval.Requests == 0 || dropped[i])
            {
                continue;
            }

            var chunks = perName[i] ??= [];
            if (counts[i] % ChunkSize == 0)
            {
                chunks.Add(new NameSecond[ChunkSize]);
            }

            chunks[^1][counts[i]++ % ChunkSize] = new NameSecond(
                tick,
                (int)Math.Min(interval.Requests, int.MaxValue),
                (int)Math.Min(interval.Failures, int.MaxValue),
                interval.LatencyP50Micros,
                interval.LatencyP95Micros,
                interval.LatencyP99Micros,
                interval.LatencyMaxMicros);
            entries++;
        }

        if (entries > maxEntries)
        {
            KeepBusiest(totals);
        }
    }

    /// <summary>Entries kept for name <paramref name="index"/> (0 when dropped by the bound).</summary>
    public int Count(int index) => dropped[index] ? 0 : counts[index];

    /// <summary>Name <paramref name="index"/>'s series, oldest first; null when it was dropped by the bound (or never completed a request).</summary>
    public IReadOnlyList<NameSecond>? For(int index) =>
        dropped[index] || perName[index] is not { } chunks ? null : [.. chunks.SelectMany(c => c).Take(counts[index])];

    private void KeepBusiest(IReadOnlyList<RequestTotals> totals)
    {
        var keep = Enumerable.Range(0, perName.Length)
            .Where(i => !dropped[i])
            .OrderByDescending(i => totals[i].Requests)
            .Take(KeptAfterBound)
            .ToHashSet();
        for (var i = 0; i < perName.Length; i++)
        {
            if (!keep.Contains(i))
            {
                dropped[i] = true;
                perName[i] = null;
                counts[i] = 0;
            }
        }

        entries = counts.Sum(c => (long)c);
        Bounded = true;
    }
}

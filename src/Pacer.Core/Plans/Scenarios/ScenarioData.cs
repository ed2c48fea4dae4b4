namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// The rows of a scenario's data file (CSV or JSON Lines), loaded once when the plan is read and shared read-only by every run
/// and every virtual user. Which row an iteration gets is run state: each run counts its own picks (the scenario runtime's
/// cursor) and asks <see cref="RowAt"/> for the row of each pick, so one plan run twice hands out the same rows in the same
/// order.
/// </summary>
internal sealed class ScenarioData
{
    private readonly DataCells cells;
    private readonly Dictionary<string, int> indexes;
    private readonly ulong seed;

    private ScenarioData(string[] columns, DataCells cells, DataFeedOrder order, ulong seed)
    {
        Columns = columns;
        this.cells = cells;
        indexes = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (var c = 0; c < columns.Length; c++)
        {
            indexes[columns[c]] = c;
        }

        Order = order;
        this.seed = seed;
    }

    /// <summary>The column names: a CSV file's header, or every property name a JSON Lines file uses, in order of first use.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>How many rows the file holds; at least one.</summary>
    public int Count => cells.RowCount;

    /// <summary>The order rows are handed out in.</summary>
    public DataFeedOrder Order { get; }

    /// <summary>
    /// Loads <paramref name="path"/>: JSON Lines when it ends in <c>.jsonl</c> or <c>.ndjson</c>, CSV with a header line otherwise.
    /// <paramref name="seed"/> fixes the <see cref="DataFeedOrder.Random"/> picks (the same seed gives the same sequence); 0 draws a
    /// seed at random, once, here: every run of the plan then picks the same rows. Throws <see cref="DataFileException"/> naming
    /// the file and line at fault.
    /// </summary>
    public static ScenarioData Load(string path, DataFeedOrder order, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (columns, cells) = DataFileReader.Read(path);
        var mixed = seed == 0 ? (ulong)Random.Shared.NextInt64() : (ulong)seed;
        return new ScenarioData(columns, cells, order, mixed);
    }

    /// <summary>
    /// The row handed out by pick number <paramref name="pick"/> (0 for a run's first) in <see cref="Order"/>; null only when a
    /// <see cref="DataFeedOrder.Unique"/> file has no row left for that pick. A pure function of the number, so any number of
    /// threads may share one counter and take no lock.
    /// </summary>
    public DataRow? RowAt(long pick) => Order switch
    {
        DataFeedOrder.Sequential => Row((int)(pick % Count)),
        DataFeedOrder.Random => Row(RandomIndex(pick)),
        _ => pick < Count ? Row((int)pick) : null,
    };

    /// <summary>Row <paramref name="index"/>: made when handed out (a small object), its values decoded from the compact cells when read.</summary>
    private DataRow Row(int index) => new(index, indexes, cells);

    /// <summary>
    /// The row for random pick <paramref name="n"/>: a SplitMix64 hash of the seeded pick number, scaled to the row count by a
    /// 128-bit multiply. A pure function of the counter needs no shared generator state, so no lock, and a seed makes a run's
    /// picks repeatable.
    /// </summary>
    private int RandomIndex(long n)
    {
        unchecked
        {
            var z = seed + ((ulong)(n + 1) * 0x9E3779B97F4A7C15UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)Math.BigMul(z, (ulong)Count, out _);
        }
    }
}

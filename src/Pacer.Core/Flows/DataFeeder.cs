using System.Diagnostics.CodeAnalysis;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Plans;
using System.Text.Json;

namespace Pacer.Core.Flows;

/// <summary>
/// Rows of a CSV or JSON Lines file, loaded once and handed to virtual users in a <see cref="DataFeedOrder"/>.
/// <see cref="TryNext"/> is safe from any number of threads and takes no lock: one shared counter, advanced with
/// <see cref="Interlocked"/>, decides every pick.
/// </summary>
internal sealed class DataFeeder
{
    private readonly DataRow[] rows;
    private readonly ulong seed;

    // How many picks have been made; the next pick's number. A long never wraps at any realistic rate.
    private long picks;

    private DataFeeder(string[] columns, DataRow[] rows, DataFeedOrder order, ulong seed)
    {
        Columns = columns;
        this.rows = rows;
        Order = order;
        this.seed = seed;
    }

    /// <summary>The column names: a CSV file's header, or every property name a JSON Lines file uses, in order of first use.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>How many rows the file holds; at least one.</summary>
    public int Count => rows.Length;

    /// <summary>The order rows are handed out in.</summary>
    public DataFeedOrder Order { get; }

    /// <summary>True once a <see cref="DataFeedOrder.Unique"/> feed has handed out every row; <see cref="TryNext"/> then fails for good.</summary>
    public bool Exhausted => Order == DataFeedOrder.Unique && Volatile.Read(ref picks) >= rows.Length;

    /// <summary>
    /// Loads <paramref name="path"/>: JSON Lines when it ends in <c>.jsonl</c> or <c>.ndjson</c>, CSV with a header line otherwise.
    /// <paramref name="seed"/> fixes the <see cref="DataFeedOrder.Random"/> picks (the same seed gives the same sequence); 0 draws a seed at random.
    /// Throws <see cref="DataFeedException"/> naming the file and line at fault.
    /// </summary>
    public static DataFeeder Load(string path, DataFeedOrder order, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = InputFile.ReadText(path, InputFile.MaxDataBytes);
        }
        catch (InputFileException e)
        {
            throw new DataFeedException($"{path}: {e.Message}", e);
        }

        var extension = Path.GetExtension(path);
        var jsonLines = extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase);
        var (columns, values) = jsonLines ? ReadJsonLines(text, path) : ReadCsv(text, path);

        var indexes = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (var c = 0; c < columns.Length; c++)
        {
            indexes[columns[c]] = c;
        }

        var rows = new DataRow[values.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new DataRow(r, indexes, values[r]);
        }

        var mixed = seed == 0 ? (ulong)Random.Shared.NextInt64() : (ulong)seed;
        return new DataFeeder(columns, rows, order, mixed);
    }

    /// <summary>The next row in <see cref="Order"/>; false only when a <see cref="DataFeedOrder.Unique"/> feed is exhausted.</summary>
    public bool TryNext([MaybeNullWhen(false)] out DataRow row)
    {
        switch (Order)
        {
            case DataFeedOrder.Sequential:
                row = rows[(int)((Interlocked.Increment(ref picks) - 1) % rows.Length)];
                return true;
            case DataFeedOrder.Random:
                row = rows[Pick(Interlocked.Increment(ref picks))];
                return true;
            default:
                // Read first so an exhausted feed stops advancing the counter; the increment alone decides who gets the last rows.
                if (Volatile.Read(ref picks) < rows.Length && Interlocked.Increment(ref picks) - 1 is var n && n < rows.Length)
                {
                    row = rows[n];
                    return true;
                }

                row = null;
                return false;
        }
    }

    /// <summary>
    /// The row for pick <paramref name="n"/>: a SplitMix64 hash of the seeded pick number, scaled to the row count by a 128-bit multiply.
    /// A pure function of the counter needs no shared generator state, so no lock, and a seed makes a run's picks repeatable.
    /// </summary>
    private int Pick(long n)
    {
        unchecked
        {
            var z = seed + ((ulong)n * 0x9E3779B97F4A7C15UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)Math.BigMul(z, (ulong)rows.Length, out _);
        }
    }

    private static (string[] Columns, List<string?[]> Rows) ReadCsv(string text, string path)
    {
        var records = CsvReader.Read(text, path);
        if (records.Count == 0)
        {
            throw new DataFeedException($"{path}: the file is empty (its first line is the header naming the columns, then one row per line)");
        }

        var header = records[0];

        // Names are trimmed so "id, email" names the column 'email', as a reader of the header would expect.
        var columns = header.Fields.Select(f => f.Trim()).ToArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Length; c++)
        {
            if (columns[c].Length == 0)
            {
                throw new DataFeedException($"{path}:{header.Line}: column {c + 1} of the header has no name");
            }

            // Positions, not the name: the "header" of a file that is not a data file could be anything it holds.
            if (!seen.TryAdd(columns[c], c))
            {
                throw new DataFeedException($"{path}:{header.Line}: columns {seen[columns[c]] + 1} and {c + 1} of the header have the same name");
            }
        }

        if (records.Count == 1)
        {
            throw new DataFeedException($"{path}: the file has a header but no rows");
        }

        var rows = new List<string?[]>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Length != columns.Length)
            {
                var fields = record.Fields.Length == 1 ? "1 field" : $"{record.Fields.Length} fields";
                throw new DataFeedException($"{path}:{record.Line}: row has {fields} but the header has {columns.Length}");
            }

            rows.Add(record.Fields);
        }

        return (columns, rows);
    }

    private static (string[] Columns, List<string?[]> Rows) ReadJsonLines(string text, string path)
    {
        var columns = new List<string>();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = new List<List<(int Column, string Value)>>();
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new DataFeedException($"{path}:{l + 1}: not valid JSON ({e.Message})", e);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new DataFeedException(
                        $"{path}:{l + 1}: the line is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object (each line is one row, like {{\"id\": 1, \"email\": \"a@example.com\"}})");
                }

                var row = new List<(int Column, string Value)>();
                foreach (var property in root.EnumerateObject())
                {
                    if (!indexes.TryGetValue(property.Name, out var column))
                    {
                        column = columns.Count;
                        indexes.Add(property.Name, column);
                        columns.Add(property.Name);
                    }

                    row.Add((column, JsonPathExpression.ToText(property.Value)));
                }

                cells.Add(row);
            }
        }

        if (cells.Count == 0)
        {
            throw new DataFeedException($"{path}: the file is empty (each line is one row, a JSON object like {{\"id\": 1, \"email\": \"a@example.com\"}})");
        }

        // Columns are known only after the last line, so rows are laid out afterwards; a property a line lacks stays null and is "no value".
        var rows = new List<string?[]>(cells.Count);
        foreach (var row in cells)
        {
            var values = new string?[columns.Count];
            foreach (var (column, value) in row)
            {
                values[column] = value;
            }

            rows.Add(values);
        }

        return ([.. columns], rows);
    }
}

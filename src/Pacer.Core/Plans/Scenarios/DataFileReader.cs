using System.Text;
using System.Text.Json;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Reads a data file into column names and rows of values: JSON Lines when the name ends in <c>.jsonl</c> or <c>.ndjson</c>,
/// CSV with a header line otherwise. Every mistake throws <see cref="DataFileException"/> naming the file and line.
/// </summary>
internal static class DataFileReader
{
    /// <summary>
    /// The columns and the rows of <paramref name="path"/>, parsed as the file streams in and stored compact (a value a JSON line
    /// lacks is no value): the file's text is never held whole.
    /// </summary>
    public static (string[] Columns, DataCells Rows) Read(string path)
    {
        var extension = Path.GetExtension(path);
        var jsonLines = extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase);
        try
        {
            using var reader = InputFile.OpenText(path, InputFile.MaxDataBytes, out var length);
            return jsonLines ? ReadJsonLines(reader, length, path) : ReadCsv(reader, length, path);
        }
        catch (InputFileException e)
        {
            throw new DataFileException($"{path}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"{path}: {e.Message}", e);
        }
    }

    private static (string[] Columns, DataCells Rows) ReadCsv(TextReader reader, long length, string path)
    {
        using var records = CsvReader.Records(reader, path).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new DataFileException($"{path}: the file is empty (its first line is the header naming the columns, then one row per line)");
        }

        var header = records.Current;

        // Names are trimmed so "id, email" names the column 'email', as a reader of the header would expect.
        var columns = header.Fields.Select(f => f.Trim()).ToArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Length; c++)
        {
            if (columns[c].Length == 0)
            {
                throw new DataFileException($"{path}:{header.Line}: column {c + 1} of the header has no name");
            }

            // Positions, not the name: the "header" of a file that is not a data file could be anything it holds.
            if (!seen.TryAdd(columns[c], c))
            {
                throw new DataFileException($"{path}:{header.Line}: columns {seen[columns[c]] + 1} and {c + 1} of the header have the same name");
            }
        }

        var rows = new DataCellsBuilder(length, sparse: false);
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.Length != columns.Length)
            {
                var fields = record.Fields.Length == 1 ? "1 field" : $"{record.Fields.Length} fields";
                throw new DataFileException($"{path}:{record.Line}: row has {fields} but the header has {columns.Length}");
            }

            for (var c = 0; c < columns.Length; c++)
            {
                rows.Add(c, record.Fields[c]);
            }

            rows.EndRow();
        }

        if (rows.RowCount == 0)
        {
            throw new DataFileException($"{path}: the file has a header but no rows");
        }

        return (columns, rows.Build());
    }

    private static (string[] Columns, DataCells Rows) ReadJsonLines(TextReader reader, long length, string path)
    {
        var columns = new List<string>();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new DataCellsBuilder(length, sparse: true);
        var text = new StringBuilder();
        var number = 0;
        while (NextLine(reader, text))
        {
            number++;
            var line = text.ToString();
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
                throw new DataFileException($"{path}:{number}: not valid JSON ({e.Message})", e);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new DataFileException(
                        $"{path}:{number}: the line is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object (each line is one row, like {{\"id\": 1, \"email\": \"a@example.com\"}})");
                }

                foreach (var property in root.EnumerateObject())
                {
                    if (!indexes.TryGetValue(property.Name, out var column))
                    {
                        column = columns.Count;
                        indexes.Add(property.Name, column);
                        columns.Add(property.Name);
                    }

                    rows.Add(column, JsonPathExpression.ToText(property.Value));
                }

                rows.EndRow();
            }
        }

        if (rows.RowCount == 0)
        {
            throw new DataFileException($"{path}: the file is empty (each line is one row, a JSON object like {{\"id\": 1, \"email\": \"a@example.com\"}})");
        }

        return ([.. columns], rows.Build());
    }

    /// <summary>
    /// Reads up to the next <c>'\n'</c> into <paramref name="line"/> (a <c>'\r'</c> before it stays: it is JSON whitespace); false at
    /// the end of the text. Only <c>'\n'</c> ends a line, as JSON Lines says, where <see cref="TextReader.ReadLine"/> ends one at a lone
    /// <c>'\r'</c> too.
    /// </summary>
    private static bool NextLine(TextReader reader, StringBuilder line)
    {
        line.Clear();
        var c = reader.Read();
        if (c < 0)
        {
            return false;
        }

        while (c >= 0 && c != '\n')
        {
            line.Append((char)c);
            c = reader.Read();
        }

        return true;
    }
}

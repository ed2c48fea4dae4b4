using System.Text.Json;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Reads a data file into column names and rows of values: JSON Lines when the name ends in <c>.jsonl</c> or <c>.ndjson</c>,
/// CSV with a header line otherwise. Every mistake throws <see cref="DataFileException"/> naming the file and line.
/// </summary>
internal static class DataFileReader
{
    /// <summary>The columns and the rows of <paramref name="path"/> (a null value is a column a JSON line lacks).</summary>
    public static (string[] Columns, List<string?[]> Rows) Read(string path)
    {
        string text;
        try
        {
            text = InputFile.ReadText(path, InputFile.MaxDataBytes);
        }
        catch (InputFileException e)
        {
            throw new DataFileException($"{path}: {e.Message}", e);
        }

        var extension = Path.GetExtension(path);
        var jsonLines = extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase);
        return jsonLines ? ReadJsonLines(text, path) : ReadCsv(text, path);
    }

    private static (string[] Columns, List<string?[]> Rows) ReadCsv(string text, string path)
    {
        var records = CsvReader.Read(text, path);
        if (records.Count == 0)
        {
            throw new DataFileException($"{path}: the file is empty (its first line is the header naming the columns, then one row per line)");
        }

        var header = records[0];

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

        if (records.Count == 1)
        {
            throw new DataFileException($"{path}: the file has a header but no rows");
        }

        var rows = new List<string?[]>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Length != columns.Length)
            {
                var fields = record.Fields.Length == 1 ? "1 field" : $"{record.Fields.Length} fields";
                throw new DataFileException($"{path}:{record.Line}: row has {fields} but the header has {columns.Length}");
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
                throw new DataFileException($"{path}:{l + 1}: not valid JSON ({e.Message})", e);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new DataFileException(
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
            throw new DataFileException($"{path}: the file is empty (each line is one row, a JSON object like {{\"id\": 1, \"email\": \"a@example.com\"}})");
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

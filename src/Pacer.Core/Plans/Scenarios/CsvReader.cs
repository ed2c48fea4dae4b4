using System.Text;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Splits CSV text into records (RFC 4180): commas between fields, fields in double quotes may hold commas, line breaks and doubled
/// quotes (<c>""</c>), and lines end in LF or CRLF. Empty lines are skipped. Spaces and tabs around a quoted field are ignored,
/// so a hand-written <c>1, "Smith, Jane"</c> reads as it looks; unquoted fields keep theirs.
/// </summary>
internal static class CsvReader
{
    /// <summary>Every record of <paramref name="text"/> with the 1-based line it starts on; <paramref name="name"/> names the file in errors.</summary>
    public static List<CsvRecord> Read(string text, string name)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();

        // An empty line is no record, but a line holding only "" is one empty field: whether a record has begun is tracked apart from its text.
        var started = false;
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            if (LineEndLength(text, i) is var lineEnd and > 0)
            {
                if (started)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new CsvRecord(recordLine, [.. fields]));
                    fields.Clear();
                    started = false;
                }

                i += lineEnd;
                line++;
                recordLine = line;
                continue;
            }

            started = true;
            var c = text[i];
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (c == '"' && IsBlank(field))
            {
                // Only a quote opening a field (after any spaces) starts a quoted field. A quoted field is always followed by a comma or
                // a line end, so a blank field here is always a fresh one, never the tail of a quoted one.
                field.Clear();
                i = QuotedField(text, i, name, field, ref line);
            }
            else
            {
                field.Append(c);
                i++;
            }
        }

        if (started)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, [.. fields]));
        }

        return records;
    }

    /// <summary>Reads the quoted field whose opening quote is at <paramref name="open"/> into <paramref name="field"/>; returns the index after its closing quote.</summary>
    private static int QuotedField(string text, int open, string name, StringBuilder field, ref int line)
    {
        var openLine = line;
        var i = open + 1;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new DataFileException($"{name}:{openLine}: a quoted field is never closed (end it with \", and write a quote inside it as \"\")");
            }

            var c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            if (c == '\n')
            {
                line++;
            }

            field.Append(c);
            i++;
        }

        while (i < text.Length && text[i] is (' ' or '\t'))
        {
            i++;
        }

        if (i < text.Length && text[i] != ',' && LineEndLength(text, i) == 0)
        {
            throw new DataFileException($"{name}:{line}: unexpected '{text[i]}' after a quoted field (a quoted field ends at a comma or the line's end; write a quote inside it as \"\")");
        }

        return i;
    }

    /// <summary>True when <paramref name="field"/> holds nothing but spaces and tabs.</summary>
    private static bool IsBlank(StringBuilder field)
    {
        foreach (var chunk in field.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (c is not (' ' or '\t'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>How many characters the line end at <paramref name="i"/> takes (2 for CRLF, 1 for LF or a lone CR), or 0 when there is none.</summary>
    private static int LineEndLength(string text, int i) => text[i] switch
    {
        '\n' => 1,
        '\r' when i + 1 < text.Length && text[i + 1] == '\n' => 2,
        '\r' => 1,
        _ => 0,
    };
}

using System.Text;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Splits CSV text into records (RFC 4180): commas between fields, fields in double quotes may hold commas, line breaks and doubled
/// quotes (<c>""</c>), and lines end in LF or CRLF. Empty lines are skipped. Spaces and tabs around a quoted field are ignored,
/// so a hand-written <c>1, "Smith, Jane"</c> reads as it looks; unquoted fields keep theirs. Reads a character at a time from a
/// <see cref="TextReader"/>, so a data file is parsed as it streams in, never held whole as text.
/// </summary>
internal static class CsvReader
{
    /// <summary>Every record of <paramref name="text"/> with the 1-based line it starts on; <paramref name="name"/> names the file in errors.</summary>
    public static List<CsvRecord> Read(string text, string name)
    {
        using var reader = new StringReader(text);
        return [.. Records(reader, name)];
    }

    /// <summary>The records of <paramref name="reader"/> one at a time, as <see cref="Read"/> finds them.</summary>
    public static IEnumerable<CsvRecord> Records(TextReader reader, string name)
    {
        var fields = new List<string>();
        var field = new StringBuilder();

        // An empty line is no record, but a line holding only "" is one empty field: whether a record has begun is tracked apart from its text.
        var started = false;
        var line = 1;
        var recordLine = 1;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c is '\n' or '\r')
            {
                // LF, CRLF or a lone CR ends the line.
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (started)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new CsvRecord(recordLine, [.. fields]);
                    fields.Clear();
                    started = false;
                }

                line++;
                recordLine = line;
                continue;
            }

            started = true;
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '"' && IsBlank(field))
            {
                // Only a quote opening a field (after any spaces) starts a quoted field. A quoted field is always followed by a comma or
                // a line end, so a blank field here is always a fresh one, never the tail of a quoted one.
                field.Clear();
                line = QuotedField(reader, name, field, line);
            }
            else
            {
                field.Append((char)c);
            }
        }

        if (started)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, [.. fields]);
        }
    }

    /// <summary>
    /// Reads the quoted field whose opening quote was just read into <paramref name="field"/>, and the spaces after its closing
    /// quote; returns the line the reader is then on (a quoted field may hold line breaks).
    /// </summary>
    private static int QuotedField(TextReader reader, string name, StringBuilder field, int line)
    {
        var openLine = line;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                throw new DataFileException($"{name}:{openLine}: a quoted field is never closed (end it with \", and write a quote inside it as \"\")");
            }

            if (c == '"')
            {
                if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                    continue;
                }

                break;
            }

            if (c == '\n')
            {
                line++;
            }

            field.Append((char)c);
        }

        while (reader.Peek() is ' ' or '\t')
        {
            reader.Read();
        }

        var next = reader.Peek();
        if (next >= 0 && next is not (',' or '\n' or '\r'))
        {
            throw new DataFileException($"{name}:{line}: unexpected '{(char)next}' after a quoted field (a quoted field ends at a comma or the line's end; write a quote inside it as \"\")");
        }

        return line;
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
}

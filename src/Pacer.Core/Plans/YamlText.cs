using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads YAML text (a plan, a thresholds file) into its root node, with the checks every such text gets before any node is
/// built: its shape (depth, alias expansion) and its syntax, each mistake a <see cref="PlanException"/> with its place.
/// </summary>
internal static class YamlText
{
    /// <summary>The root node of <paramref name="text"/>, or null when it holds no document (empty, or only comments).</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="path">Names the text in errors.</param>
    /// <param name="found">
    /// Where keys given twice are reported, the text then read without their later entries so the caller finds its other
    /// mistakes in the same run; without it, a duplicate key is thrown at once.
    /// </param>
    public static YamlNode? RootOf(string text, string path, List<PlanError>? found = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);

        // Checked on the event stream before any node exists: building nodes is what recurses and what expands aliases.
        var shape = YamlShapeCheck.Inspect(text, path);
        var duplicates = shape.Duplicates.Select(d => d.Error).ToList();
        if (shape.Fatal is { } fatal)
        {
            throw new PlanException([.. duplicates, fatal]);
        }

        if (duplicates.Count > 0 && found is null)
        {
            throw new PlanException(duplicates);
        }

        found?.AddRange(duplicates);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(shape.WithoutDuplicates(text)));
        }
        catch (YamlException) when (duplicates.Count > 0)
        {
            // The text without the duplicate entries does not read (an anchor one of them defined, say): the duplicates are
            // the mistakes the user wrote, so they are what is reported.
            throw new PlanException(duplicates);
        }
        catch (YamlException e)
        {
            throw new PlanException([new PlanError(path, (int)e.Start.Line, (int)e.Start.Column, "YAML syntax: " + YamlMessage(e), "check indentation, colons and quotes on this line")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, for some unterminated flow collections; find the opener ourselves.
            var (line, column, opener) = UnclosedBracket(text);
            throw new PlanException([line > 0
                ? new PlanError(path, line, column, $"YAML syntax: this {opener} is never closed", $"add the closing {(opener == '[' ? ']' : '}')}")
                : new PlanError(path, 0, 0, "YAML syntax: the text could not be read as YAML", "look for an unclosed bracket or quote")]);
        }

        return stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }
            ? null
            : stream.Documents[0].RootNode;
    }

    private static string YamlMessage(YamlException e)
    {
        // YamlDotNet prefixes its messages with "(Line: …, Col: …, Idx: …) - (…): "; the position is already in our prefix.
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }

    /// <summary>The first [ or { (outside quotes and comments) that is never closed: 1-based line and column, or zeros.</summary>
    private static (int Line, int Column, char Opener) UnclosedBracket(string text)
    {
        var open = new Stack<(int Line, int Column, char Opener)>();
        var line = 1;
        var column = 0;
        char? quote = null;
        var comment = false;
        foreach (var c in text)
        {
            column++;
            if (c == '\n')
            {
                line++;
                column = 0;
                comment = false;
                continue;
            }

            if (comment)
            {
                continue;
            }

            if (quote is not null)
            {
                quote = c == quote ? null : quote;
                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '#':
                    comment = true;
                    break;
                case '[' or '{':
                    open.Push((line, column, c));
                    break;
                case ']' or '}' when open.Count > 0:
                    open.Pop();
                    break;
            }
        }

        return open.Count == 0 ? (0, 0, ' ') : open.Reverse().First();
    }
}

using System.Globalization;
using System.Text;
using Pacer.Core.Plans;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>Turns template text into <see cref="TemplatePart"/>s once, so rendering never parses; every mistake is a <see cref="TemplateSyntaxException"/> with its column.</summary>
internal static class TemplateParser
{
    private const string Forms = "placeholders are ${name}, ${env.NAME}, ${data.column}, ${vu}, ${iter}, ${scenario}, ${uuid}, ${now}, ${random(min,max)}";
    private const string RandomForm = "write ${random(1,100)}: two whole numbers, min then max, both included";
    private const string EnvPrefix = "env.";
    private const string DataPrefix = "data.";
    private static readonly string[] Functions = ["random"];

    /// <summary>The parts of <paramref name="text"/>, adjacent literal text (and resolved environment variables) merged into one part.</summary>
    public static TemplatePart[] Parse(string text)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var dollar = text.IndexOf("${", i, StringComparison.Ordinal);
            if (dollar < 0)
            {
                literal.Append(text, i, text.Length - i);
                break;
            }

            literal.Append(text, i, dollar - i);
            var close = text.IndexOf('}', dollar + 2);

            // A '${' before the next '}' means this one was never closed: "${a and ${b}" is missing a brace after a.
            var nested = close < 0 ? -1 : text.IndexOf("${", dollar + 2, close - dollar - 2, StringComparison.Ordinal);
            if (close < 0 || nested >= 0)
            {
                throw new TemplateSyntaxException("unclosed '${'", dollar + 1, "close the placeholder with '}'; a '$' not followed by '{' is plain text");
            }

            var part = Placeholder(text, dollar, close);
            if (part.Kind == TemplatePartKind.Literal)
            {
                literal.Append(part.Text);
            }
            else
            {
                Flush(parts, literal);
                parts.Add(part);
            }

            i = close + 1;
        }

        Flush(parts, literal);
        return [.. parts];
    }

    private static void Flush(List<TemplatePart> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(TemplatePartKind.Literal, literal.ToString()));
            literal.Clear();
        }
    }

    /// <summary>The part for the placeholder whose '$' is at <paramref name="dollar"/> and '}' at <paramref name="close"/>.</summary>
    private static TemplatePart Placeholder(string text, int dollar, int close)
    {
        var start = dollar + 2;
        var end = close;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (start == end)
        {
            throw new TemplateSyntaxException("empty placeholder '${}'", dollar + 1, Forms);
        }

        var content = text[start..end];
        var paren = content.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            return Function(text, start, end, start + paren);
        }

        switch (content)
        {
            case "vu":
                return new TemplatePart(TemplatePartKind.VirtualUser, string.Empty);
            case "iter":
                return new TemplatePart(TemplatePartKind.Iteration, string.Empty);
            case "scenario":
                return new TemplatePart(TemplatePartKind.Scenario, string.Empty);
            case "uuid":
                return new TemplatePart(TemplatePartKind.Uuid, string.Empty);
            case "now":
                return new TemplatePart(TemplatePartKind.Now, string.Empty);
            case "env":
                throw new TemplateSyntaxException("'env' needs the environment variable's name", start + 1, "write ${env.NAME}");
            case "data":
                throw new TemplateSyntaxException("'data' needs a column name", start + 1, "write ${data.column}, a column of the data file's header");
        }

        if (content.StartsWith(EnvPrefix, StringComparison.Ordinal))
        {
            return Environment(text, start + EnvPrefix.Length, end);
        }

        if (content.StartsWith(DataPrefix, StringComparison.Ordinal))
        {
            if (end - start == DataPrefix.Length)
            {
                throw new TemplateSyntaxException("'data.' needs a column name", end + 1, "write ${data.column}, a column of the data file's header");
            }

            // Columns come from a file's header, so any name it holds is allowed, spaces and dashes included.
            return new TemplatePart(TemplatePartKind.DataColumn, content[DataPrefix.Length..]);
        }

        return Variable(content, start);
    }

    private static TemplatePart Environment(string text, int start, int end)
    {
        if (start == end)
        {
            throw new TemplateSyntaxException("'env.' needs the environment variable's name", start + 1, "write ${env.NAME}");
        }

        for (var k = start; k < end; k++)
        {
            if (!char.IsAsciiLetterOrDigit(text[k]) && text[k] != '_')
            {
                throw new TemplateSyntaxException($"unexpected '{text[k]}' in environment variable name", k + 1, "environment variable names are letters, digits and '_'");
            }
        }

        var name = text[start..end];

        // Resolved now, not per render: the environment does not change during a run, and a missing one should stop the run before it starts.
        var value = System.Environment.GetEnvironmentVariable(name)
            ?? throw new TemplateSyntaxException($"environment variable '{name}' is not set", start + 1, $"set {name} before the run, or use a variable instead");
        return new TemplatePart(TemplatePartKind.Literal, value);
    }

    private static TemplatePart Variable(string name, int start)
    {
        for (var k = 0; k < name.Length; k++)
        {
            var c = name[k];
            if (c == '.')
            {
                if (k == 0 || k == name.Length - 1 || name[k - 1] == '.')
                {
                    throw new TemplateSyntaxException($"variable name '{name}' has an empty part", start + k + 1, "dots separate non-empty parts, e.g. ${user.id}");
                }
            }
            else if (!char.IsLetterOrDigit(c) && c != '_')
            {
                throw new TemplateSyntaxException($"unexpected '{c}' in variable name '{name}'", start + k + 1, "variable names are letters, digits, '_' and '.'; " + Forms);
            }
        }

        return new TemplatePart(TemplatePartKind.Variable, name);
    }

    /// <summary>A call such as <c>random(1, 100)</c> spanning <paramref name="start"/> to <paramref name="end"/>, its '(' at <paramref name="paren"/>.</summary>
    private static TemplatePart Function(string text, int start, int end, int paren)
    {
        var name = text[start..paren].TrimEnd();
        if (name.Length == 0)
        {
            throw new TemplateSyntaxException("expected a function name before '('", paren + 1, RandomForm);
        }

        var closeParen = text.IndexOf(')', paren + 1, end - paren - 1);
        if (closeParen < 0)
        {
            throw new TemplateSyntaxException($"missing ')' after the arguments of '{name}'", end + 1, "close the argument list with ')'");
        }

        if (closeParen != end - 1)
        {
            throw new TemplateSyntaxException($"unexpected '{text[closeParen + 1]}' after ')'", closeParen + 2, "nothing may follow a function call inside its placeholder");
        }

        if (name != "random")
        {
            if (name is "uuid" or "now" or "vu" or "iter" or "scenario")
            {
                throw new TemplateSyntaxException($"'{name}' takes no arguments", start + 1, $"write ${{{name}}}");
            }

            var suggestion = KeySuggester.Suggest(name, Functions);
            throw new TemplateSyntaxException(
                $"unknown function '{name}'",
                start + 1,
                suggestion is null ? "the only function is random(min,max)" : $"did you mean '{suggestion}'?");
        }

        var comma = text.IndexOf(',', paren + 1, closeParen - paren - 1);
        if (comma < 0 || text.IndexOf(',', comma + 1, closeParen - comma - 1) >= 0)
        {
            throw new TemplateSyntaxException("random takes two arguments, min and max", paren + 2, RandomForm);
        }

        var (min, minColumn) = WholeNumber(text, paren + 1, comma);
        var (max, _) = WholeNumber(text, comma + 1, closeParen);
        if (min > max)
        {
            throw new TemplateSyntaxException($"random's min {min} is greater than its max {max}", minColumn, $"write the smaller bound first: random({max},{min})");
        }

        return new TemplatePart(TemplatePartKind.Random, string.Empty, min, max);
    }

    /// <summary>The whole number between <paramref name="from"/> and <paramref name="to"/>, whitespace around it allowed, with the column it starts at.</summary>
    private static (int Value, int Column) WholeNumber(string text, int from, int to)
    {
        while (from < to && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        while (to > from && char.IsWhiteSpace(text[to - 1]))
        {
            to--;
        }

        if (from == to)
        {
            throw new TemplateSyntaxException("random is missing an argument", from + 1, RandomForm);
        }

        var argument = text[from..to];
        if (!int.TryParse(argument, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new TemplateSyntaxException($"'{argument}' is not a whole number", from + 1, $"random's bounds are whole numbers from {int.MinValue} to {int.MaxValue}");
        }

        return (value, from + 1);
    }
}

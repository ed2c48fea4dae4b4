using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pacer.Core.Flows;

/// <summary>
/// A JSONPath subset that picks one value: <c>$</c>, <c>.name</c>, <c>['name']</c> or <c>["name"]</c>, <c>[0]</c> and <c>[-1]</c>, chained,
/// e.g. <c>$.items[-1].id</c>. Wildcards, filters, slices and recursive descent are rejected: extraction wants exactly one value.
/// </summary>
internal sealed class JsonPathExpression
{
    private const string Supported = "supported: $ for the root, .name, ['name'] or [\"name\"], [0] and [-1] for the last element, chained like $.items[-1].id";
    private readonly JsonPathSegment[] segments;

    private JsonPathExpression(string text, JsonPathSegment[] segments)
    {
        Text = text;
        this.segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>The steps after the root, in order.</summary>
    public IReadOnlyList<JsonPathSegment> Segments => segments;

    /// <summary>Parses <paramref name="path"/>; throws <see cref="JsonPathSyntaxException"/> with the column of the first mistake.</summary>
    public static JsonPathExpression Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '$')
        {
            throw new JsonPathSyntaxException("a path starts with '$', the root", 1, Supported);
        }

        var list = new List<JsonPathSegment>();
        var i = 1;
        while (i < path.Length)
        {
            i = path[i] switch
            {
                '.' => DotName(path, i, list),
                '[' => Bracket(path, i, list),
                _ => throw new JsonPathSyntaxException($"unexpected '{path[i]}'", i + 1, "each step starts with '.' or '['; " + Supported),
            };
        }

        return new JsonPathExpression(path, [.. list]);
    }

    /// <summary>Converts a value to the text a variable holds: strings without quotes, numbers, booleans and null as their JSON text, objects and arrays as raw JSON.</summary>
    public static string ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Number or JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
        _ => throw new ArgumentException("the element holds no value", nameof(value)),
    };

    /// <summary>The value the path picks from <paramref name="root"/>; false when a step's property or element is missing or the value there is of the wrong kind.</summary>
    public bool TryEvaluate(JsonElement root, out JsonElement value)
    {
        var current = root;
        foreach (var segment in segments)
        {
            if (segment.Name is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    value = default;
                    return false;
                }
            }
            else
            {
                if (current.ValueKind != JsonValueKind.Array)
                {
                    value = default;
                    return false;
                }

                var length = current.GetArrayLength();
                var index = segment.Index < 0 ? length + (long)segment.Index : segment.Index;
                if (index < 0 || index >= length)
                {
                    value = default;
                    return false;
                }

                current = current[(int)index];
            }
        }

        value = current;
        return true;
    }

    /// <summary>The path as written.</summary>
    public override string ToString() => Text;

    /// <summary>Reads <c>.name</c> starting at the dot; returns where the next step starts.</summary>
    private static int DotName(string path, int dot, List<JsonPathSegment> list)
    {
        var start = dot + 1;
        if (start == path.Length)
        {
            throw new JsonPathSyntaxException("expected a name after '.'", start + 1, Supported);
        }

        switch (path[start])
        {
            case '.':
                throw new JsonPathSyntaxException("recursive descent '..' is not supported", dot + 1, Supported);
            case '*':
                throw new JsonPathSyntaxException("wildcard '*' is not supported", start + 1, Supported);
        }

        var end = start;
        while (end < path.Length && path[end] is not ('.' or '['))
        {
            var c = path[end];
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '-'))
            {
                throw new JsonPathSyntaxException($"unexpected '{c}' in a name", end + 1, "names after '.' are letters, digits, '_' and '-'; write other keys as ['odd key']");
            }

            end++;
        }

        list.Add(new JsonPathSegment(path[start..end], 0));
        return end;
    }

    /// <summary>Reads <c>[0]</c>, <c>[-1]</c>, <c>['name']</c> or <c>["name"]</c> starting at the '['; returns where the next step starts.</summary>
    private static int Bracket(string path, int open, List<JsonPathSegment> list)
    {
        var start = open + 1;
        if (start == path.Length)
        {
            throw new JsonPathSyntaxException("unclosed '['", open + 1, Supported);
        }

        var c = path[start];
        if (c is '\'' or '"')
        {
            return QuotedName(path, open, c, list);
        }

        if (c is '*' or '?' or ':' or '(')
        {
            var what = c switch
            {
                '*' => "wildcard '[*]'",
                '?' => "filter '[?(...)]'",
                ':' => "slice '[:]'",
                _ => "script '[(...)]'",
            };
            throw new JsonPathSyntaxException($"{what} is not supported", start + 1, Supported);
        }

        var end = start;
        if (end < path.Length && path[end] == '-')
        {
            end++;
        }

        var digits = end;
        while (end < path.Length && char.IsAsciiDigit(path[end]))
        {
            end++;
        }

        if (end == digits)
        {
            throw new JsonPathSyntaxException(
                end < path.Length ? $"unexpected '{path[end]}' in '[...]'" : "unclosed '['",
                Math.Min(end, path.Length - 1) + 1,
                "brackets hold an index like [0] or [-1], or a quoted name like ['name']; " + Supported);
        }

        if (end == path.Length)
        {
            throw new JsonPathSyntaxException("unclosed '['", open + 1, "close the index with ']'");
        }

        if (path[end] != ']')
        {
            var what = path[end] switch
            {
                ':' => "slice '[a:b]' is not supported",
                ',' => "a union of indexes '[a,b]' is not supported",
                _ => $"unexpected '{path[end]}' in an index",
            };
            throw new JsonPathSyntaxException(what, end + 1, Supported);
        }

        if (!int.TryParse(path.AsSpan(start, end - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw new JsonPathSyntaxException($"index {path[start..end]} is too large", start + 1, $"indexes run from {int.MinValue} to {int.MaxValue}");
        }

        list.Add(new JsonPathSegment(null, index));
        return end + 1;
    }

    /// <summary>Reads a quoted name in brackets; a backslash escapes the next character, so <c>['it\'s']</c> names <c>it's</c>.</summary>
    private static int QuotedName(string path, int open, char quote, List<JsonPathSegment> list)
    {
        var name = new StringBuilder();
        var i = open + 2;
        while (true)
        {
            if (i >= path.Length)
            {
                throw new JsonPathSyntaxException($"unclosed quote {quote}", open + 2, $"end the name with {quote}]");
            }

            var c = path[i];
            if (c == quote)
            {
                break;
            }

            if (c == '\\' && i + 1 < path.Length)
            {
                i++;
                c = path[i];
            }

            name.Append(c);
            i++;
        }

        var close = i + 1;
        if (close >= path.Length || path[close] != ']')
        {
            throw new JsonPathSyntaxException(
                close < path.Length && path[close] == ',' ? "a union of names is not supported" : $"expected ']' after the quoted name",
                Math.Min(close, path.Length) + 1,
                Supported);
        }

        list.Add(new JsonPathSegment(name.ToString(), 0));
        return close + 1;
    }
}

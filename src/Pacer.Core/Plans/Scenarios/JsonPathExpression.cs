using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// A JSONPath subset that picks one value: <c>$</c>, <c>.name</c>, <c>['name']</c> or <c>["name"]</c>, <c>[0]</c> and <c>[-1]</c>, chained,
/// e.g. <c>$.items[-1].id</c>. Wildcards, filters, slices and recursive descent are rejected: extraction wants exactly one value.
/// </summary>
internal sealed class JsonPathExpression
{
    private const string Supported = "supported: $ for the root, .name, ['name'] or [\"name\"], [0] and [-1] for the last element, chained like $.items[-1].id";
    private readonly JsonPathSegment[] segments;

    /// <summary>Each name step's name as UTF-8, encoded once (null for index steps).</summary>
    private readonly byte[]?[] names;

    private JsonPathExpression(string text, JsonPathSegment[] segments)
    {
        Text = text;
        this.segments = segments;
        names = [.. segments.Select(x => x.Name is null ? null : Encoding.UTF8.GetBytes(x.Name))];
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

    /// <summary>Converts a value to the text a variable holds: strings without quotes, numbers, booleans and null as their JSON
    /// text, objects and arrays as raw JSON. For data files read at plan load; the hot path uses <see cref="JsonMatch.WriteText"/>.</summary>
    public static string ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Number or JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
        _ => throw new ArgumentException("the element holds no value", nameof(value)),
    };

    /// <summary>
    /// Finds the value the path picks in <paramref name="json"/> with a forward-only reader: no document is built, nothing is
    /// allocated. The whole body is read, so a body that is not one well-formed JSON value is <see cref="JsonLookup.NotJson"/>
    /// wherever its mistake is.
    /// </summary>
    public JsonLookup Find(ReadOnlySpan<byte> json, out JsonMatch match)
    {
        match = default;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read())
            {
                return JsonLookup.NotJson;
            }

            var found = Navigate(ref reader);
            if (found)
            {
                match = Here(ref reader);
            }

            // The rest of the body is read only to tell JSON from not-JSON, as a parser building a document would.
            while (reader.Read())
            {
            }

            return found ? JsonLookup.Found : JsonLookup.Missing;
        }
        catch (JsonException)
        {
            // Not JSON: the caller reports it as a script error of its step (or a failed check); the exception is the reader's only way to say so.
            match = default;
            return JsonLookup.NotJson;
        }
    }

    /// <summary>Moves <paramref name="reader"/> from the root value to the value the path picks; false when a step is missing.</summary>
    private bool Navigate(ref Utf8JsonReader reader)
    {
        for (var s = 0; s < segments.Length; s++)
        {
            if (segments[s].Name is not null)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                var name = names[s]!;
                while (true)
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        return false;
                    }

                    var matches = reader.ValueTextEquals(name);
                    reader.Read();
                    if (matches)
                    {
                        break;
                    }

                    reader.Skip();
                }
            }
            else
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                long index = segments[s].Index;
                if (index < 0)
                {
                    // Counted on a copy of the reader (a struct): the real one then walks to the element.
                    var probe = reader;
                    long length = 0;
                    while (probe.Read() && probe.TokenType != JsonTokenType.EndArray)
                    {
                        length++;
                        probe.Skip();
                    }

                    index += length;
                    if (index < 0)
                    {
                        return false;
                    }
                }

                reader.Read();
                for (long i = 0; i < index && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    reader.Skip();
                    reader.Read();
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The value under <paramref name="reader"/>; an object or array is skipped over to learn its length.</summary>
    private static JsonMatch Here(ref Utf8JsonReader reader)
    {
        var kind = reader.TokenType;
        var start = (int)reader.TokenStartIndex;
        switch (kind)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return new JsonMatch(kind, start, (int)reader.BytesConsumed - start, false);
            case JsonTokenType.String:
                return new JsonMatch(kind, start + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
            default:
                return new JsonMatch(kind, start, reader.ValueSpan.Length, false);
        }
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

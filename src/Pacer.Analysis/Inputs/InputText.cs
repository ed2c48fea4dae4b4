using System.Text.Json;

namespace Pacer.Analysis.Inputs;

/// <summary>Small helpers the readers share: JSON parsing with file-and-line errors, and typed property access.</summary>
internal static class InputText
{
    /// <summary>What <c>pacer compare</c> reads, for the message about a file it does not.</summary>
    public const string Expected =
        "expected a Pacer result, a k6 summary or --out json stream, go test -bench output, a BenchmarkDotNet *-report-full.json, or hyperfine --export-json";

    /// <summary>Parses <paramref name="text"/>, or says where it is broken: "<c>path: broken {what} file: … (line L, byte B)</c>".</summary>
    public static JsonDocument Parse(string path, string text, string what)
    {
        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            throw new InputFormatException($"{path}: broken {what} file: {Where(e)}", e);
        }
    }

    /// <summary>Trailing commas and comments are accepted: hand-edited files are common, and nothing is lost by reading them.</summary>
    public static JsonDocumentOptions Options { get; } = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The JSON error with a 1-based line number (the reader reports 0-based lines).</summary>
    public static string Where(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut].TrimEnd('.', ' ');
        }

        return e.LineNumber is { } line
            ? $"{message} (line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1})"
            : message;
    }

    /// <summary>A property if <paramref name="element"/> is an object that has it, else null.</summary>
    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    /// <summary>A numeric property, or null when it is absent or not a number.</summary>
    public static double? Number(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    /// <summary>A string property, or null when it is absent or not a string.</summary>
    public static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>An array property, or null when it is absent or not an array.</summary>
    public static JsonElement? Array(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } value ? value : null;

    /// <summary>An object property, or null when it is absent or not an object.</summary>
    public static JsonElement? Object(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>
    /// The measurements (times) of an array; a non-number, a number beyond a double's range or a negative one is an error naming
    /// <paramref name="where"/> — downstream statistics (bootstrap, geometric means) assume real, non-negative durations.
    /// </summary>
    public static List<double> Numbers(JsonElement array, string path, string where)
    {
        var values = new List<double>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                throw new InputFormatException($"{path}: {where}[{index}] is not a number");
            }

            values.Add(Measurement(item, path, $"{where}[{index}]"));
            index++;
        }

        return values;
    }

    /// <summary>A measurement (a time, a size): finite and not negative, or an error naming <paramref name="where"/>.</summary>
    public static double Measurement(JsonElement item, string path, string where) =>
        item.TryGetDouble(out var value) && double.IsFinite(value)
            ? value >= 0 ? value : throw new InputFormatException($"{path}: {where} is negative ({item.GetRawText()}); a measurement cannot be")
            : throw new InputFormatException($"{path}: {where} ({item.GetRawText()}) is not a finite number");

    /// <summary><paramref name="name"/>, or <c>name (2)</c>, <c>name (3)</c> … when it was already used, so each group is unique.</summary>
    public static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{name} ({n})";
        }

        return candidate;
    }
}

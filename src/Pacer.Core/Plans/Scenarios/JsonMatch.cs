using System.Globalization;
using System.Text.Json;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Where the value a JSONPath picked lies in the body it was found in: offsets rather than a parsed tree, so finding it
/// allocates nothing and reading it copies only what the caller keeps.
/// </summary>
/// <param name="Kind">The value's token: String, Number, True, False, Null, StartObject or StartArray.</param>
/// <param name="Start">For a string, the first byte inside the quotes; otherwise the value's first byte.</param>
/// <param name="Length">For a string, the bytes between the quotes (still escaped); otherwise the value's whole raw text.</param>
/// <param name="Escaped">A string holding escape sequences, so its bytes are not its text.</param>
internal readonly record struct JsonMatch(JsonTokenType Kind, int Start, int Length, bool Escaped)
{
    /// <summary>
    /// Writes the text a variable holds: strings without quotes (escapes resolved), numbers, booleans and null as their JSON
    /// text, objects and arrays as raw JSON.
    /// </summary>
    public void WriteText(ReadOnlySpan<byte> json, WireBuffer output)
    {
        if (Kind == JsonTokenType.String && Escaped)
        {
            // Unescaping never lengthens a string, so the escaped length is room enough.
            var reader = new Utf8JsonReader(json.Slice(Start - 1, Length + 2));
            reader.Read();
            output.Advance(reader.CopyString(output.GetSpan(Length)));
            return;
        }

        output.Write(json.Slice(Start, Length));
    }

    /// <summary>Whether the value's text (as <see cref="WriteText"/> gives it) equals <paramref name="expected"/> (UTF-8).</summary>
    public bool TextEquals(ReadOnlySpan<byte> json, ReadOnlySpan<byte> expected)
    {
        if (Kind == JsonTokenType.String && Escaped)
        {
            var reader = new Utf8JsonReader(json.Slice(Start - 1, Length + 2));
            reader.Read();
            return reader.ValueTextEquals(expected);
        }

        return json.Slice(Start, Length).SequenceEqual(expected);
    }

    /// <summary>The value as a number; false when it is not a JSON number.</summary>
    public bool TryGetNumber(ReadOnlySpan<byte> json, out double value)
    {
        value = 0;
        return Kind == JsonTokenType.Number && double.TryParse(json.Slice(Start, Length), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}

using System.Text.Json;

namespace Pacer.Analysis.Inputs;

/// <summary>One entry of a k6 summary's <c>metrics</c>, whichever shape it came in: key split into metric and tag set, type, and statistics.</summary>
internal sealed record K6SummaryEntry(string Key, string Base, string? Tags, string? Type, string? Contains, JsonElement Values)
{
    /// <summary>Splits <c>metric{tags}</c> and finds the statistics: under <c>values</c> (handleSummary) or directly (--summary-export).</summary>
    public static K6SummaryEntry Of(string key, JsonElement value)
    {
        var brace = key.IndexOf('{', StringComparison.Ordinal);
        var (name, tags) = brace > 0 && key.EndsWith('}') ? (key[..brace], key[(brace + 1)..^1]) : (key, null);
        if (InputText.Object(value, "values") is { } values)
        {
            return new K6SummaryEntry(key, name, tags, InputText.Text(value, "type"), InputText.Text(value, "contains"), values);
        }

        return new K6SummaryEntry(key, name, tags, FlatType(value), null, value);
    }

    /// <summary><c>--summary-export</c> omits the type; the statistics present tell it.</summary>
    private static string? FlatType(JsonElement value)
    {
        bool Has(string name) => InputText.Property(value, name) is not null;
        return Has("avg") || Has("med") || Has("p(95)") || Has("p(90)") ? "trend"
            : Has("passes") && Has("fails") ? "rate"
            : Has("count") && Has("rate") ? "counter"
            : Has("value") ? "gauge"
            : null;
    }
}

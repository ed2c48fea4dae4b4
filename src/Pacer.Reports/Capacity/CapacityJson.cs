using System.Text.Json;
using System.Text.Json.Serialization;
using Pacer.Analysis.Capacity;

namespace Pacer.Reports.Capacity;

/// <summary>
/// The capacity report as a JSON document, schema <c>pacer.capacity/v1</c> (docs/capacity.md#json): the report's records as
/// they are, snake_case like the run result file, with the headline and the HPA snippet as text beside them.
/// </summary>
internal static class CapacityJson
{
    /// <summary>The schema identifier of the document.</summary>
    public const string Schema = "pacer.capacity/v1";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // A USL fit that did not converge has no coefficients: NaN says so where 0 would be a false number.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The document for <paramref name="report"/> of plan <paramref name="plan"/>; <paramref name="hpa"/> is the manifest snippet, when planned.</summary>
    public static string Render(CapacityReport report, string plan, DateTimeOffset created, string? hpa)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new CapacityDocument(Schema, plan, created, report.Closed ? "closed" : "open", CapacityText.Headline(report), report.Search.Capacity, report.Search.Lower, report.Search.Upper, report, hpa);
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>The top of the document: what a script reads first without walking the report.</summary>
    private sealed record CapacityDocument(string Schema, string Plan, DateTimeOffset Created, string Model, string Headline, double? Capacity, double? Lower, double? Upper, CapacityReport Report, string? Hpa);
}

using System.Text.Json;
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

    /// <summary>The document for <paramref name="report"/> of plan <paramref name="plan"/>; <paramref name="hpa"/> is the manifest snippet, when planned.</summary>
    public static string Render(CapacityReport report, string plan, DateTimeOffset created, string? hpa)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new CapacityDocument(Schema, plan, created, report.Closed ? "closed" : "open", CapacityText.Headline(report), report.Search.Capacity, report.Search.Lower, report.Search.Upper, report, hpa);
        return JsonSerializer.Serialize(document, CapacityJsonContext.Default.CapacityDocument);
    }
}

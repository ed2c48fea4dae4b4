using System.Text.Json;
using System.Text.Json.Serialization;
using Pacer.Analysis.Compare;

namespace Pacer.Reports.Compare;

/// <summary>The comparison as JSON (snake_case, verdicts as words) for other tools.</summary>
internal static class CompareJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(ComparisonReport report) =>
        JsonSerializer.Serialize(new { schema = "pacer.compare/v1", regressed = report.Regressed, report.BaselineSources, report.CurrentSources, report.Rows, report.Geomeans, report.Warnings }, Options);
}

using System.Text.Json;
using Pacer.Analysis.Compare;

namespace Pacer.Reports.Compare;

/// <summary>The comparison as JSON (snake_case, verdicts as words) for other tools.</summary>
internal static class CompareJsonWriter
{
    public const string Schema = "pacer.compare/v1";

    public static string Write(ComparisonReport report) =>
        JsonSerializer.Serialize(
            new CompareJsonDocument(Schema, report.Regressed, report.BaselineSources, report.CurrentSources, report.Rows, report.Geomeans, report.Warnings),
            CompareJsonContext.Default.CompareJsonDocument);
}

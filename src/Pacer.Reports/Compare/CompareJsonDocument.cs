using Pacer.Analysis.Compare;

namespace Pacer.Reports.Compare;

/// <summary>The document <see cref="CompareJsonWriter"/> writes (schema <c>pacer.compare/v1</c>), its properties in the order written.</summary>
internal sealed record CompareJsonDocument(
    string Schema,
    bool Regressed,
    IReadOnlyList<string> BaselineSources,
    IReadOnlyList<string> CurrentSources,
    IReadOnlyList<ComparisonRow> Rows,
    IReadOnlyDictionary<string, double> Geomeans,
    IReadOnlyList<string> Warnings);

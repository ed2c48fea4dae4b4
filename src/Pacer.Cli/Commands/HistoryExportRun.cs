namespace Pacer.Cli.Commands;

/// <summary>One run of <see cref="HistoryExportDocument"/>, its properties in the order written.</summary>
internal sealed record HistoryExportRun(
    long Id,
    DateTimeOffset RecordedAt,
    string Plan,
    string? Branch,
    string? Commit,
    DateTimeOffset? CommitTime,
    string? Machine,
    string? PlanDigest,
    string Format,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<HistoryExportValue> Values);

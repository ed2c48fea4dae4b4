namespace Pacer.Cli.Commands;

/// <summary>What <c>pacer history export --json</c> writes (schema <c>pacer.history-export/v1</c>).</summary>
internal sealed record HistoryExportDocument(string Schema, IReadOnlyList<HistoryExportRun> Runs);

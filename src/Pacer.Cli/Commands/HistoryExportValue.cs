namespace Pacer.Cli.Commands;

/// <summary>One value of a <see cref="HistoryExportRun"/>; <paramref name="Direction"/> is <c>lower</c> or <c>higher</c> (is better).</summary>
internal sealed record HistoryExportValue(string Group, string Metric, string Unit, string Direction, double Value);

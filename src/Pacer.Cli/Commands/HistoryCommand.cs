using System.CommandLine;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer history …</c>: the run history (docs/history.md) — record, list, show, prune, export, mark expected changes.</summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("history", "The run history: every run remembered (SQLite or PostgreSQL), for trends and baselines.")
        {
            HistoryAddCommand.Create(output, error),
            HistoryListCommand.Create(output, error),
            HistoryShowCommand.Create(output, error),
            HistoryPruneCommand.Create(output, error),
            HistoryExportCommand.Create(output, error),
            HistoryExpectCommand.Create(output, error),
            HistoryCheckCommand.Create(output, error),
            HistoryReportCommand.Create(output, error),
        };
        return command;
    }
}

using System.CommandLine;
using Pacer.Analysis.History;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary>
/// <c>pacer history expect PLAN:GROUP:METRIC RUN [--note TEXT]</c>: marks the change point of a series at a run as expected (a
/// deliberate trade-off), so <c>history check</c> stops alerting on it.
/// </summary>
internal static class HistoryExpectCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var series = new Argument<string>("series") { Description = "The series: PLAN:GROUP:METRIC, e.g. checkout:all:p95 (the group may hold ':', the plan and metric may not)." };
        var run = new Argument<string>("run") { Description = "The first run after the change (its id)." };
        var note = new Option<string?>("--note") { Description = "Why the change is expected." };
        var store = HistoryCli.StoreOption();
        var command = new Command("expect", "Mark a change point as expected (a deliberate trade-off), so it stops alerting.") { series, run, note, store };
        command.SetAction((parse, cancellationToken) => HistoryCli.GuardAsync(error, async () =>
        {
            var key = Key(parse.GetValue(series)!);
            var id = HistoryCli.RunId(parse.GetValue(run)!);
            await using var history = await HistoryCli.OpenAsync(parse.GetValue(store), cancellationToken);
            await history.MarkExpectedAsync(key, id, parse.GetValue(note), cancellationToken);
            await output.WriteLineAsync(TerminalText.Clean($"marked: the change of {key} at run #{id} is expected"));
            return ExitCodes.Passed;
        }));
        return command;
    }

    /// <summary><c>PLAN:GROUP:METRIC</c>: split at the first and the last colon, since request names (<c>GET http://…</c>) hold colons.</summary>
    public static SeriesKey Key(string text)
    {
        var first = text.IndexOf(':', StringComparison.Ordinal);
        var last = text.LastIndexOf(':');
        return first > 0 && last > first + 1 && last < text.Length - 1
            ? new SeriesKey(text[..first], text[(first + 1)..last], text[(last + 1)..])
            : throw new UsageException($"'{text}' should be a series PLAN:GROUP:METRIC, e.g. checkout:all:p95 (pacer history show RUN lists a run's groups and metrics)");
    }
}

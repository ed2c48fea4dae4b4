using Pacer.Analysis.Inputs;
using Pacer.Core.Engine;
using Pacer.Core.Results;
using Pacer.History;
using Pacer.Reports.Console;
using Spectre.Console;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// <c>pacer run … --history</c>: records the run in the history after its result file is written. A store that fails is said
/// and the run keeps its own exit code: the measurement and its verdict stand (CI gates on them), the result file has
/// everything, and <c>pacer history add</c> records it later; failing the run for its bookkeeping would turn a good build red.
/// </summary>
/// <param name="Location">The store (<c>--history</c>'s value; null for the default).</param>
/// <param name="Labels">The labels, collected before load (CI, git, <c>--label</c>).</param>
internal sealed record HistoryRecording(HistoryLocation Location, IReadOnlyDictionary<string, string> Labels)
{
    public async Task RecordAsync(EngineRun run, RunResult result, string outPath, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        // A partial run would enter the series as a sudden change that never happened; it is kept in its file, not in history.
        if (run.Interrupted || run.Fault is not null || result.Aborted)
        {
            await error.WriteLineAsync($"pacer: the run was not recorded in the history ({TerminalText.Clean(Location.Display)}): it was {(run.Interrupted ? "interrupted" : "aborted")}, and a partial run is no point of a series");
            return;
        }

        try
        {
            var record = RunImporter.FromResult(outPath, result, ResultFile.ToJson(result), null, Labels);
            await using var store = await HistoryStore.OpenAsync(Location, cancellationToken: cancellationToken);
            var id = await store.AddRunAsync(record, cancellationToken);
            console.MarkupLineInterpolated($"[grey]recorded in the history as run #{id} ({TerminalText.Clean(Location.Display)})[/]");
        }
        catch (Exception e) when (e is HistoryStoreException or InputFormatException or IOException or OperationCanceledException)
        {
            // Not rethrown: the run's exit code stands (see the type's summary); what failed is said with the way to recover.
            await error.WriteLineAsync($"pacer: the run was not recorded in the history: {TerminalText.Clean(e.Message)}; the result file has it all: pacer history add {TerminalText.Clean(outPath)}");
        }
    }
}

using System.Collections.Concurrent;

namespace Pacer.Core.Recording;

/// <summary>
/// Failures in users' scripts (a variable never set, a JSONPath on a body that is not JSON, an exhausted data file), counted
/// per step and kind with the first message: reported once with a count, never thousands of times, never stopping other users.
/// </summary>
internal sealed class ScriptErrors
{
    private readonly ConcurrentDictionary<(string Location, string Step, string Kind), Entry> entries = new();

    /// <summary>Counts one failure of <paramref name="kind"/> at a step.</summary>
    public void Report(string location, string step, string kind, string message)
    {
        var entry = entries.GetOrAdd((location, step, kind), static (_, m) => new Entry(m), message);
        Interlocked.Increment(ref entry.Count);
    }

    /// <summary>Every kind seen so far, most frequent first.</summary>
    public IReadOnlyList<ScriptErrorSummary> Snapshot() =>
        [.. entries
            .Select(e => new ScriptErrorSummary(e.Key.Location, e.Key.Step, e.Key.Kind, e.Value.FirstMessage, Interlocked.Read(ref e.Value.Count)))
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.Location, StringComparer.Ordinal)];

    private sealed class Entry(string firstMessage)
    {
        public readonly string FirstMessage = firstMessage;
        public long Count;
    }
}

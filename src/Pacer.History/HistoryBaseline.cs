using System.Globalization;
using Pacer.Analysis.Inputs;

namespace Pacer.History;

/// <summary>
/// <c>history:BRANCH~N</c>, a side of <c>pacer compare</c>: the newest N runs of BRANCH in the history (of one plan), read back
/// from their stored files with compare's own readers, so the statistics are exactly those of N files a side.
/// </summary>
/// <param name="Branch">The branch.</param>
/// <param name="Count">How many of its newest runs.</param>
internal sealed record HistoryBaseline(string Branch, int Count)
{
    /// <summary>What marks a history baseline among compare's file arguments.</summary>
    public const string Prefix = "history:";

    /// <summary>Whether <paramref name="text"/> names a history baseline rather than a file.</summary>
    public static bool Names(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Parses <c>history:BRANCH~N</c> (<c>~N</c> left out: the newest run).</summary>
    /// <exception cref="ArgumentException">It is not of that form; the message gives an example.</exception>
    public static HistoryBaseline Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = Names(text) ? text[Prefix.Length..] : text;
        var tilde = body.LastIndexOf('~');
        var branch = tilde < 0 ? body : body[..tilde];
        var count = 1;
        if (branch.Length == 0
            || (tilde >= 0 && (!int.TryParse(body[(tilde + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1)))
        {
            throw new ArgumentException($"'{text}' should be history:BRANCH~N, the newest N runs of a branch, e.g. history:main~5");
        }

        return new HistoryBaseline(branch, count);
    }

    /// <summary>
    /// The runs, oldest first, read back as compare reads files; a run whose stored file cannot be read back is said in
    /// <paramref name="skipped"/> and left out.
    /// </summary>
    /// <param name="store">The history.</param>
    /// <param name="plan">The plan whose runs are taken; null when the branch has runs of one plan only.</param>
    /// <param name="skipped">Receives one line per run left out.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <exception cref="HistoryStoreException">The branch has no runs (of the plan), or runs of several plans and none was named, or none could be read back.</exception>
    public async Task<List<RunData>> LoadAsync(HistoryStore store, string? plan, Action<string> skipped, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(skipped);
        var runs = await store.ListRunsAsync(new RunFilter { Branch = Branch, Plan = plan }, cancellationToken);
        foreach (var damaged in runs.Damaged)
        {
            skipped(damaged.ToString());
        }

        var plans = runs.Items.Select(r => r.Run.Plan).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (plans.Count == 0)
        {
            throw new HistoryStoreException($"{store.Location.Display}: no runs of branch '{Branch}'{(plan is null ? "" : $" for plan '{plan}'")} (pacer history list shows what is there)");
        }

        if (plans.Count > 1)
        {
            throw new HistoryStoreException($"{store.Location.Display}: branch '{Branch}' has runs of several plans ({string.Join(", ", plans)}); name one with --plan");
        }

        var read = new List<RunData>();
        foreach (var run in runs.Items.TakeLast(Count))
        {
            var name = $"history:#{run.Run.Id}{(run.Run.Commit is { } c ? " " + c[..Math.Min(c.Length, 10)] : "")}";
            var temp = Path.Combine(Path.GetTempPath(), $"pacer-history-{Guid.NewGuid():N}");
            try
            {
                await File.WriteAllTextAsync(temp, await store.ReadContentAsync(run.Run.Id, cancellationToken), cancellationToken);
                var format = Enum.TryParse<InputFormat>(run.Format, out var known) ? known : (InputFormat?)null;
                read.Add(RunFileReader.Read(temp, format) with { Source = name });
            }
            catch (Exception e) when (e is HistoryStoreException or InputFormatException)
            {
                // One damaged run costs the baseline one run, said; the others still make a baseline.
                skipped($"{name}: {e.Message.Replace(temp, name, StringComparison.Ordinal)}; left out of the baseline");
            }
            finally
            {
                File.Delete(temp);
            }
        }

        if (read.Count == 0)
        {
            throw new HistoryStoreException($"{store.Location.Display}: none of the runs of branch '{Branch}' could be read back");
        }

        if (read.Count < Count)
        {
            skipped($"history:{Branch}~{Count}: the baseline has {read.Count} run{(read.Count == 1 ? "" : "s")}, not {Count}");
        }

        return read;
    }
}

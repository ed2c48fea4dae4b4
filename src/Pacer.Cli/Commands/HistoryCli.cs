using System.CommandLine;
using System.Globalization;
using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;
using Pacer.History;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary>What the <c>history</c> subcommands, <c>run --history</c> and <c>compare history:…</c> share: the store option, opening it, labels, dates.</summary>
internal static class HistoryCli
{
    /// <summary>The store option: a SQLite file (default <c>.pacer/history.db</c>), a <c>postgres://</c> URL or a <c>Host=…</c> connection string.</summary>
    public static Option<string?> StoreOption() =>
        new("--history") { Description = $"The history store: a SQLite file (default {HistoryLocation.DefaultPath}), a postgres://user@host/db URL or a Host=… connection string." };

    public static Option<string[]> LabelOption() =>
        new("--label") { Description = "A label k=v recorded with the run (repeatable); overrides what CI and git say (commit, branch, commit_time …).", AllowMultipleArgumentsPerToken = false };

    /// <summary>Opens the store; a location that cannot be read is a usage error, a store that cannot be reached or used a runtime failure (thrown on).</summary>
    public static async Task<HistoryStore> OpenAsync(string? location, CancellationToken cancellationToken)
    {
        HistoryLocation parsed;
        try
        {
            parsed = HistoryLocation.Parse(location);
        }
        catch (HistoryStoreException e)
        {
            throw new UsageException(e.Message);
        }

        return await HistoryStore.OpenAsync(parsed, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The series <paramref name="filter"/> selects, and their change points with the store's expected marks applied (what
    /// <c>history check</c> judges and <c>history report</c> draws). What earlier checks computed is read from the store's check
    /// cache and what this one used is written back, so a check after an append searches only the windows the new runs reach;
    /// <paramref name="full"/> starts from an empty cache (the report is the same either way). Damaged rows and series the check
    /// could not read are warned about on <paramref name="error"/>, naming <paramref name="command"/>; the rest is still checked.
    /// </summary>
    public static async Task<(IReadOnlyList<HistorySeries> Series, HistoryCheckReport Report, HistoryCheckCache Cache)> CheckAsync(
        string? location, RunFilter filter, HistoryCheckOptions options, string command, bool full, TextWriter error, CancellationToken cancellationToken)
    {
        await using var history = await OpenAsync(location, cancellationToken);
        var series = await history.ReadSeriesAsync(filter, cancellationToken);
        await WarnAsync(error, series.Damaged);
        var expected = await history.ReadExpectedAsync(cancellationToken);
        var cache = full ? new HistoryCheckCache() : new HistoryCheckCache(await history.ReadCheckCacheAsync(cancellationToken));
        var report = HistoryCheck.Run(series.Items, options with { Expected = [.. expected.Select(e => e.Change)] }, cache);
        foreach (var problem in report.Problems)
        {
            await error.WriteLineAsync($"pacer: warning: history {command}: {TerminalText.Clean(problem)}");
        }

        try
        {
            await history.WriteCheckCacheAsync(cache.CheckedSeries, cache.Used, cancellationToken);
        }
        catch (HistoryStoreException e)
        {
            // The check itself is complete and right; only the next one loses its head start, so this is a warning.
            await error.WriteLineAsync($"pacer: warning: history {command}: what this check computed could not be kept for the next one ({TerminalText.Clean(e.Message)})");
        }

        return (series.Items, report, cache);
    }

    /// <summary>The <c>--window</c> option of <c>history check</c> and <c>history report</c> (their cached results are shared only when it matches).</summary>
    public static Option<int> WindowOption() =>
        new("--window") { Description = "How many runs one change-point search sees; longer histories are searched in windows overlapping by half (default 60, at least 12).", DefaultValueFactory = _ => new HistoryCheckOptions().Window };

    /// <summary>A window of at least 4 minimum segments, or a usage error naming the option.</summary>
    public static int Window(int window)
    {
        var least = 4 * new HistoryCheckOptions().MinimumSegment;
        return window >= least ? window : throw new UsageException($"--window {window} is too small: a window needs at least {least} runs (4 × the 3 runs either side of a change)");
    }

    /// <summary>
    /// Runs a history command: a store that cannot be opened, or refuses (a newer Pacer's schema), is said in one line and exits 1,
    /// since Pacer could not do its job; a mistake in the command's own input stays a usage error (2).
    /// </summary>
    public static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (HistoryStoreException e)
        {
            await error.WriteLineAsync($"pacer: {TerminalText.Clean(e.Message)}");
            return ExitCodes.RuntimeFailure;
        }
    }

    /// <summary>The labels of a run recorded now: CI's, then git's (of the working directory), then <c>--label</c>'s.</summary>
    public static Dictionary<string, string> Labels(string[] pairs)
    {
        Dictionary<string, string> overrides;
        try
        {
            overrides = RunLabels.Parse(pairs);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        return RunLabels.Collect(Environment.GetEnvironmentVariable, new GitInfo(Environment.CurrentDirectory), overrides);
    }

    /// <summary>Each row the store had to skip, as a warning: damage is said, never lost unseen.</summary>
    public static async Task WarnAsync(TextWriter error, IEnumerable<DamagedRow> damaged)
    {
        foreach (var row in damaged)
        {
            await error.WriteLineAsync($"pacer: warning: history: {TerminalText.Clean(row.ToString())}");
        }
    }

    /// <summary>A date: ISO 8601 (<c>2026-12-01</c>, <c>2026-12-01T12:00:00Z</c>; UTC unless it says otherwise) or an age (<c>30d</c>, <c>12h</c>).</summary>
    public static DateTimeOffset? Date(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 1 && trimmed[^1] is 'd' or 'h'
            && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var age) && age >= 0)
        {
            return DateTimeOffset.UtcNow - (trimmed[^1] == 'd' ? TimeSpan.FromDays(age) : TimeSpan.FromHours(age));
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new UsageException($"{option} '{text}' should be a date (2026-12-01, 2026-12-01T12:00:00Z) or an age (30d, 12h)");
    }

    /// <summary>A run's id as the list prints it (<c>12</c> or <c>#12</c>).</summary>
    public static long RunId(string text) =>
        long.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new UsageException($"'{text}' is not a run id; pacer history list shows them (e.g. 12)");

    public static string Short(string? commit) => commit is null ? "-" : commit[..Math.Min(commit.Length, 10)];

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>
    /// The runs of <c>history:BRANCH~N</c> baselines, read back from the store; null (said on <paramref name="error"/>) when the
    /// store cannot serve them. The plan is <paramref name="plan"/>, else the current Pacer results' own.
    /// </summary>
    public static async Task<List<RunData>?> BaselineAsync(List<string> specs, string? location, string? plan, List<RunData> current, TextWriter error, CancellationToken cancellationToken)
    {
        var baselines = new List<HistoryBaseline>();
        foreach (var spec in specs)
        {
            try
            {
                baselines.Add(HistoryBaseline.Parse(spec));
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
        }

        plan ??= current.Where(c => c.Format == InputFormat.Pacer).Select(c => PlanName(c.Source)).FirstOrDefault(p => p is not null);
        var runs = new List<RunData>();
        var failed = await GuardAsync(error, async () =>
        {
            await using var store = await OpenAsync(location, cancellationToken);
            foreach (var baseline in baselines)
            {
                runs.AddRange(await baseline.LoadAsync(store, plan, line => error.WriteLine($"pacer: warning: {TerminalText.Clean(line)}"), cancellationToken));
            }

            return ExitCodes.Passed;
        });
        return failed == ExitCodes.Passed ? runs : null;
    }

    /// <summary>The plan name of a Pacer result file, or null when it cannot be read (compare has read it already, so it can).</summary>
    private static string? PlanName(string path)
    {
        try
        {
            return Pacer.Core.Results.ResultFile.Read(path).Plan.Name;
        }
        catch (Exception e) when (e is Pacer.Core.Results.ResultFormatException or IOException)
        {
            // Then the branch's only plan is taken, or the user is asked for --plan: the message says which.
            return null;
        }
    }
}

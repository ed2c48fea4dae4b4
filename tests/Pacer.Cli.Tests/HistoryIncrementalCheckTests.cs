using System.Globalization;

namespace Pacer.Cli.Tests;

/// <summary>
/// <c>pacer history check</c> keeps what it computed in the store: after one more run only the windows that reach it are searched
/// again, and the report is the one <c>--full</c> computes from scratch.
/// </summary>
public sealed class HistoryIncrementalCheckTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pacer-history-incr-{Guid.NewGuid():N}");

    private string Store => Path.Combine(_folder, "history.db");

    [Fact]
    public async Task A_check_after_an_append_reuses_the_closed_windows_and_reports_what_full_reports()
    {
        Directory.CreateDirectory(_folder);

        // 45 go-bench results, one commit each; 25% slower from the 30th on. Windows of 20 runs make 45 runs span several.
        for (var i = 1; i <= 45; i++)
        {
            await AddAsync(i, i < 30 ? 1000 : 1250);
        }

        var first = await CheckAsync();
        Assert.Contains(", 0 reused from earlier checks", first.Summary, StringComparison.Ordinal);
        Assert.Contains("run #30 c30", first.Report, StringComparison.Ordinal);

        await AddAsync(46, 1250);
        var incremental = await CheckAsync();
        var full = await CheckAsync("--full");

        Assert.Equal(full.Report, incremental.Report);
        Assert.Contains(", 0 reused from earlier checks", full.Summary, StringComparison.Ordinal);
        var reused = int.Parse(incremental.Summary.Split(", ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        var computed = int.Parse(incremental.Summary.Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.True(reused > computed, incremental.Summary);

        // A prune shifts the windows: the next check searches everything again and still agrees with --full.
        var prune = await CliRunner.RunAsync("history", "prune", "--keep", "44", "--yes", "--history", Store);
        Assert.True(prune.Exit == 0, prune.Error);
        var afterPrune = await CheckAsync();
        Assert.Contains(", 0 reused from earlier checks", afterPrune.Summary, StringComparison.Ordinal);
        Assert.Equal((await CheckAsync("--full")).Report, afterPrune.Report);
    }

    [Fact]
    public async Task A_window_too_small_is_a_usage_error()
    {
        Directory.CreateDirectory(_folder);

        var (exit, _, error) = await CliRunner.RunAsync("history", "check", "--window", "8", "--history", Store);

        Assert.Equal(2, exit);
        Assert.Contains("--window 8 is too small: a window needs at least 12 runs", error, StringComparison.Ordinal);
    }

    private async Task AddAsync(int run, double nanoseconds)
    {
        // A little deterministic noise (±1%), so the series is not a perfect staircase.
        var value = nanoseconds * (1 + (0.01 * Math.Sin(run * 1.7)));
        var file = Path.Combine(_folder, $"bench{run}.txt");
        await File.WriteAllTextAsync(file, string.Create(CultureInfo.InvariantCulture, $"BenchmarkParse-8   \t 1000000\t      {value:0.0} ns/op\n"));
        var add = await CliRunner.RunAsync("history", "add", file, "--plan", "micro", "--history", Store,
            "--label", $"commit=c{run:00}", "--label", "branch=main", "--label", $"commit_time=2026-12-01T{run / 60:00}:{run % 60:00}:00Z");
        Assert.True(add.Exit == 0, add.Error);
    }

    /// <summary>The check's report (every line but the cache summary) and its summary line.</summary>
    private async Task<(string Report, string Summary)> CheckAsync(params string[] extra)
    {
        var (exit, output, error) = await CliRunner.RunAsync(["history", "check", "--window", "20", "--history", Store, .. extra]);
        Assert.True(exit is 0 or 99, error + output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (string.Join('\n', lines[..^1]), lines[^1]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

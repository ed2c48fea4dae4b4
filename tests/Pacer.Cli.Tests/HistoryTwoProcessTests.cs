using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Pacer.Cli.Tests.Reliability;
using Pacer.History;

namespace Pacer.Cli.Tests;

/// <summary>
/// Two CI jobs recording at once: two separate <c>pacer history add</c> processes write into one SQLite store while both hold it
/// open, and every run of both is there afterwards, whole, in a store SQLite finds consistent.
/// </summary>
public sealed class HistoryTwoProcessTests : IDisposable
{
    private const int RunsEach = 25;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pacer-history-2proc-{Guid.NewGuid():N}");

    private string Store => Path.Combine(_folder, "history.db");

    [Fact]
    public async Task Two_pacer_processes_recording_into_one_store_at_once_lose_nothing()
    {
        Directory.CreateDirectory(_folder);
        await (await HistoryStore.OpenAsync(HistoryLocation.Parse(Store))).DisposeAsync();
        var files = new[] { "a", "b" }.ToDictionary(job => job, job => Enumerable.Range(1, RunsEach).Select(i =>
        {
            var file = Path.Combine(_folder, $"{job}{i}.txt");
            File.WriteAllText(file, string.Create(CultureInfo.InvariantCulture, $"BenchmarkParse-8   \t 1000000\t      {(job == "a" ? 1000 : 2000) + i} ns/op\n"));
            return file;
        }).ToArray());

        // A start line: this test holds the store's write lock while both children start, open the store and queue on the lock
        // (SQLite's busy timeout), so they are released together and record at the same time rather than one after the other.
        var children = new List<Process>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using (var gate = new SqliteConnection($"Data Source={Store}"))
            {
                await gate.OpenAsync(timeout.Token);
                await using (var begin = gate.CreateCommand())
                {
                    begin.CommandText = "BEGIN IMMEDIATE";
                    await begin.ExecuteNonQueryAsync(timeout.Token);
                }

                foreach (var (job, paths) in files)
                {
                    children.Add(ChildPacer.Start(null, ["history", "add", .. paths, "--plan", "micro", "--history", Store, "--label", $"branch=job-{job}", "--label", $"commit={job}"]));
                }

                foreach (var child in children)
                {
                    await WaitUntilOpenAsync(child, timeout.Token);
                }

                await using var commit = gate.CreateCommand();
                commit.CommandText = "COMMIT";
                await commit.ExecuteNonQueryAsync(timeout.Token);
            }

            var outputs = children.Select(c => (Output: c.StandardOutput.ReadToEndAsync(timeout.Token), Error: c.StandardError.ReadToEndAsync(timeout.Token))).ToList();
            foreach (var (child, output) in children.Zip(outputs))
            {
                await child.WaitForExitAsync(timeout.Token);
                Assert.True(child.ExitCode == 0, await output.Error + await output.Output);
                Assert.Equal(RunsEach, (await output.Output).Split('\n').Count(l => l.StartsWith("recorded run #", StringComparison.Ordinal)));
            }
        }
        finally
        {
            foreach (var child in children.Where(c => !c.HasExited))
            {
                child.Kill();
            }

            children.ForEach(c => c.Dispose());
        }

        await using var store = await HistoryStore.OpenAsync(HistoryLocation.Parse(Store));
        var runs = await store.ListRunsAsync(RunFilter.All);
        Assert.Empty(runs.Damaged);
        Assert.Equal(2 * RunsEach, runs.Items.Select(r => r.Run.Id).Distinct().Count());
        foreach (var job in files.Keys)
        {
            var series = Assert.Single((await store.ReadSeriesAsync(new RunFilter { Branch = $"job-{job}" })).Items);
            var values = series.Points.Select(p => p.Value).Order().ToArray();
            Assert.Equal(Enumerable.Range(1, RunsEach).Select(i => (double)((job == "a" ? 1000 : 2000) + i)), values);
        }

        await using var check = new SqliteConnection($"Data Source={Store};Mode=ReadOnly");
        await check.OpenAsync();
        await using var integrity = check.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string?)await integrity.ExecuteScalarAsync());
        integrity.CommandText = "PRAGMA foreign_key_check";
        await using var reader = await integrity.ExecuteReaderAsync();
        Assert.False(await reader.ReadAsync(), "a point or mark refers to a run that is not there");
    }

    /// <summary>Waits (bounded) until <paramref name="child"/> has the store's file open: it is then at, or right before, the lock.</summary>
    private async Task WaitUntilOpenAsync(Process child, CancellationToken cancellationToken)
    {
        var store = Path.GetFullPath(Store);
        while (true)
        {
            if (child.HasExited)
            {
                Assert.Fail($"pacer exited ({child.ExitCode}) before opening the store: {await child.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            try
            {
                if (Directory.EnumerateFileSystemEntries($"/proc/{child.Id}/fd").Any(fd => new FileInfo(fd).LinkTarget == store))
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A descriptor closed while it was listed: look again.
            }

            // Polling a condition with a bounded deadline (the token): the child signals nothing else before it writes.
            await Task.Delay(20, cancellationToken);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;

namespace Pacer.History.Tests;

/// <summary>
/// The store suite every database passes: SQLite (<see cref="SqliteHistoryStoreTests"/>) and PostgreSQL
/// (<see cref="PostgresHistoryStoreTests"/>). Each test works on a store of its own.
/// </summary>
public abstract class HistoryStoreContract
{
    /// <summary>Where a new, empty store can be made.</summary>
    private protected abstract HistoryLocation NewLocation();

    private protected async Task<HistoryStore> OpenNewAsync() => await HistoryStore.OpenAsync(NewLocation());

    [StoreFact]
    public async Task A_run_is_read_back_whole_labels_values_and_its_file()
    {
        await using var store = await OpenNewAsync();
        var commitTime = Runs.Start.AddHours(-1);
        var id = await store.AddRunAsync(Runs.New(commit: "abc123", commitTime: commitTime, p95: 12.5, labels: new() { ["ci"] = "github", ["region"] = "eu" }));

        var (run, values, damaged) = await store.GetRunAsync(id);

        Assert.Empty(damaged);
        Assert.NotNull(run);
        Assert.Equal(("checkout", "abc123", "main", commitTime, Runs.Start), (run.Run.Plan, run.Run.Commit, run.Run.Branch, run.Run.CommitTime, run.Run.RecordedAt));
        Assert.Equal("eu", run.Run.Labels["region"]);
        Assert.Equal("github", run.Run.Labels["ci"]);
        Assert.Equal(("sha256:abc", "ci-runner-1", "Pacer", 2), (run.PlanDigest, run.Machine, run.Format, run.Values));
        var p95 = Assert.Single(values, v => v.Metric == "p95");
        Assert.Equal(new SeriesValue("all", "p95", "ms", MetricDirection.LowerIsBetter, 12.5, "HISTOGRAM-12.5"), p95);
        Assert.Equal("""{"p95": 12.5}""", await store.ReadContentAsync(id));
        Assert.Null((await store.GetRunAsync(id + 100)).Run);
    }

    [StoreFact]
    public async Task The_labels_column_is_byte_for_byte_what_the_reflection_serializer_wrote_and_its_rows_read_back()
    {
        await using var store = await OpenNewAsync();
        var labels = new Dictionary<string, string> { ["ci"] = "github", ["note"] = "caf\u00e9 <a&b> \"q\"" };
        var run = Runs.New(commit: "abc123", labels: labels);
        // The stores written before NativeAOT hold what JsonSerializer.Serialize(labels) wrote by reflection.
        var before = System.Text.Json.JsonSerializer.Serialize(run.Labels);
        Assert.Equal("""{"ci":"github","note":"caf\u00E9 \u003Ca\u0026b\u003E \u0022q\u0022","commit":"abc123","branch":"main"}""", before);

        var id = await store.AddRunAsync(run);

        Assert.Equal(1, await store.ExecuteAsync($"UPDATE runs SET labels = labels WHERE id = {id} AND labels = '{before}'"));
        var old = await store.AddRunAsync(Runs.New(recordedAt: Runs.Start.AddHours(1)));
        await store.ExecuteAsync($"UPDATE runs SET labels = '{before}' WHERE id = {old}");
        Assert.Equal(run.Labels, (await store.GetRunAsync(old)).Run!.Run.Labels);
    }

    [StoreFact]
    public async Task Series_are_ordered_by_commit_time_then_by_when_recorded()
    {
        await using var store = await OpenNewAsync();

        // Recorded out of commit order (a re-run of an older commit came last), and two runs of one commit.
        await store.AddRunAsync(Runs.New(commit: "c2", commitTime: Runs.Start.AddHours(2), recordedAt: Runs.Start.AddHours(3), p95: 2));
        await store.AddRunAsync(Runs.New(commit: "c3", commitTime: Runs.Start.AddHours(3), recordedAt: Runs.Start.AddHours(4), p95: 3));
        await store.AddRunAsync(Runs.New(commit: "c1", commitTime: Runs.Start.AddHours(1), recordedAt: Runs.Start.AddHours(5), p95: 1));
        await store.AddRunAsync(Runs.New(commit: "c1", commitTime: Runs.Start.AddHours(1), recordedAt: Runs.Start.AddHours(6), p95: 1.5));

        var series = await store.ReadSeriesAsync(RunFilter.All);

        Assert.Empty(series.Damaged);
        var p95 = Assert.Single(series.Items, s => s.Key == new SeriesKey("checkout", "all", "p95"));
        Assert.Equal(("ms", MetricDirection.LowerIsBetter), (p95.Unit, p95.Direction));
        Assert.Equal([1, 1.5, 2, 3], p95.Points.Select(p => p.Value));
        Assert.Equal(["c1", "c1", "c2", "c3"], p95.Points.Select(p => p.Run.Commit));
        Assert.Equal(["HISTOGRAM-1", "HISTOGRAM-1.5", "HISTOGRAM-2", "HISTOGRAM-3"], p95.Points.Select(p => p.Distribution));
        var rps = Assert.Single(series.Items, s => s.Key.Metric == "rps");
        Assert.Equal(MetricDirection.HigherIsBetter, rps.Direction);
        Assert.All(rps.Points, p => Assert.Null(p.Distribution));
    }

    [StoreFact]
    public async Task Filters_take_a_plan_a_branch_a_start_and_the_newest_runs()
    {
        await using var store = await OpenNewAsync();
        for (var i = 0; i < 4; i++)
        {
            await store.AddRunAsync(Runs.New(recordedAt: Runs.Start.AddDays(i), p95: i));
        }

        await store.AddRunAsync(Runs.New(branch: "feature", recordedAt: Runs.Start.AddDays(1), p95: 50));
        await store.AddRunAsync(Runs.New(plan: "search", recordedAt: Runs.Start.AddDays(1), p95: 60));

        async Task<double[]> P95(RunFilter filter) =>
            [.. (await store.ReadSeriesAsync(filter)).Items.Where(s => s.Key.Metric == "p95").SelectMany(s => s.Points).Select(p => p.Value)];

        Assert.Equal(new double[] { 0, 1, 2, 3 }, await P95(new RunFilter { Plan = "checkout", Branch = "main" }));
        Assert.Equal(new double[] { 50 }, await P95(new RunFilter { Branch = "feature" }));
        Assert.Equal(new double[] { 60 }, await P95(new RunFilter { Plan = "search" }));
        Assert.Equal(new double[] { 2, 3 }, await P95(new RunFilter { Branch = "main", Plan = "checkout", Since = Runs.Start.AddDays(2) }));
        Assert.Equal(new double[] { 2, 3 }, await P95(new RunFilter { Branch = "main", Plan = "checkout", Last = 2 }));
        Assert.Equal(6, (await store.ListRunsAsync(RunFilter.All)).Items.Count);
        Assert.Equal(2, (await store.ListRunsAsync(new RunFilter { Last = 2 })).Items.Count);
    }

    [StoreFact]
    public async Task Expected_change_points_are_kept_and_read_as_series_and_run()
    {
        await using var store = await OpenNewAsync();
        var first = await store.AddRunAsync(Runs.New(p95: 10));
        var second = await store.AddRunAsync(Runs.New(p95: 20, recordedAt: Runs.Start.AddHours(1)));
        var key = new SeriesKey("checkout", "all", "p95");

        await store.MarkExpectedAsync(key, second, "bigger payloads, on purpose");
        await store.MarkExpectedAsync(key, second, "bigger payloads");

        var expected = Assert.Single(await store.ReadExpectedAsync());
        Assert.Equal((new ExpectedChange(key, second), "bigger payloads"), (expected.Change, expected.Note));
        var missing = await Assert.ThrowsAsync<HistoryStoreException>(() => store.MarkExpectedAsync(key with { Metric = "p99" }, first, null));
        Assert.Contains($"run #{first} has no value on the series checkout · all · p99", missing.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Prune_keeps_the_newest_of_each_plan_and_removes_what_is_older_than_a_date()
    {
        await using var store = await OpenNewAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await store.AddRunAsync(Runs.New(recordedAt: Runs.Start.AddDays(i), p95: i)));
        }

        var other = await store.AddRunAsync(Runs.New(plan: "search", recordedAt: Runs.Start));
        await store.MarkExpectedAsync(new SeriesKey("checkout", "all", "p95"), ids[0], null);

        Assert.Equal(ids[..3], (await store.FindPrunableAsync(new PruneRule(2, null))).Select(r => r.Run.Id));
        Assert.Equal([ids[0], ids[1], other], (await store.FindPrunableAsync(new PruneRule(null, Runs.Start.AddDays(2)))).Select(r => r.Run.Id).Order());
        Assert.Equal([ids[0], ids[1]], (await store.FindPrunableAsync(new PruneRule(1, Runs.Start.AddDays(2)))).Select(r => r.Run.Id));

        Assert.Equal(3, await store.DeleteRunsAsync(ids[..3]));

        Assert.Equal([ids[3], ids[4], other], (await store.ListRunsAsync(RunFilter.All)).Items.Select(r => r.Run.Id).Order());
        Assert.Empty(await store.ReadExpectedAsync());
        Assert.Equal([3, 4], (await store.ReadSeriesAsync(new RunFilter { Plan = "checkout" })).Items.Single(s => s.Key.Metric == "p95").Points.Select(p => p.Value));
    }

    [StoreFact]
    public async Task A_damaged_row_is_reported_and_skipped_and_the_rest_is_read()
    {
        await using var store = await OpenNewAsync();
        var good = await store.AddRunAsync(Runs.New(p95: 1));
        var badLabels = await store.AddRunAsync(Runs.New(p95: 2, recordedAt: Runs.Start.AddHours(1)));
        var badPoint = await store.AddRunAsync(Runs.New(p95: 3, recordedAt: Runs.Start.AddHours(2)));
        var badFile = await store.AddRunAsync(Runs.New(p95: 4, recordedAt: Runs.Start.AddHours(3)));
        await store.ExecuteAsync($"UPDATE runs SET labels = '{{not json' WHERE id = {badLabels}");
        await store.ExecuteAsync($"UPDATE points SET direction = 'sideways' WHERE run_id = {badPoint} AND metric = 'p95'");
        await store.ExecuteAsync($"UPDATE runs SET payload_encoding = 'zstd' WHERE id = {badFile}");

        var runs = await store.ListRunsAsync(RunFilter.All);
        var series = await store.ReadSeriesAsync(RunFilter.All);

        Assert.Equal([good, badPoint, badFile], runs.Items.Select(r => r.Run.Id));
        var damagedRun = Assert.Single(runs.Damaged);
        Assert.Equal(("runs", badLabels), (damagedRun.Table, damagedRun.RunId));
        Assert.Contains("skipped", damagedRun.ToString(), StringComparison.Ordinal);
        Assert.Equal([1, 4], series.Items.Single(s => s.Key.Metric == "p95").Points.Select(p => p.Value));
        Assert.Equal([1, 3, 4], series.Items.Single(s => s.Key.Metric == "rps").Points.Select(p => 1000 - p.Value));
        Assert.Contains(series.Damaged, d => d.Table == "points" && d.RunId == badPoint && d.Problem.Contains("sideways", StringComparison.Ordinal));
        Assert.Contains(series.Damaged, d => d.Table == "runs" && d.RunId == badLabels);
        var file = await Assert.ThrowsAsync<HistoryStoreException>(() => store.ReadContentAsync(badFile));
        Assert.Contains($"run #{badFile}: its stored file is damaged", file.Message, StringComparison.Ordinal);
        Assert.Equal("""{"p95": 1}""", await store.ReadContentAsync(good));
    }

    [StoreFact]
    public async Task A_store_of_a_newer_schema_is_refused_naming_both_versions()
    {
        var location = NewLocation();
        await using (var store = await HistoryStore.OpenAsync(location))
        {
            await store.ExecuteAsync("INSERT INTO schema_version (version, applied_at, pacer) VALUES (99, 0, '9.9.9')");
        }

        var refused = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStore.OpenAsync(location));

        Assert.Contains("schema version 99, written by a newer Pacer (9.9.9)", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"reads versions up to {HistoryStore.SchemaVersion}", refused.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Reopening_keeps_the_runs_and_applies_each_migration_once()
    {
        var location = NewLocation();
        await using (var store = await HistoryStore.OpenAsync(location))
        {
            await store.AddRunAsync(Runs.New());
        }

        await using var again = await HistoryStore.OpenAsync(location);

        Assert.Single((await again.ListRunsAsync(RunFilter.All)).Items);

        // A second row of a version would mean its migration ran twice; the count is read through a statement that fails otherwise.
        Assert.Equal(0, await again.ExecuteAsync($"DELETE FROM schema_version WHERE version < 1 OR version > {HistoryStore.SchemaVersion}"));
        for (var version = 1; version <= HistoryStore.SchemaVersion; version++)
        {
            Assert.Equal(1, await again.ExecuteAsync($"UPDATE schema_version SET pacer = pacer WHERE version = {version}"));
        }
    }

    [StoreFact]
    public async Task A_store_of_version_1_gains_the_check_cache_and_keeps_its_runs()
    {
        // A store as the first Pacer with history left it: no check_cache table, schema version 1.
        var location = NewLocation();
        await using (var store = await HistoryStore.OpenAsync(location))
        {
            await store.AddRunAsync(Runs.New());
            await store.ExecuteAsync("DROP TABLE check_cache");
            await store.ExecuteAsync("DELETE FROM schema_version WHERE version > 1");
        }

        await using var upgraded = await HistoryStore.OpenAsync(location);

        Assert.Single((await upgraded.ListRunsAsync(RunFilter.All)).Items);
        Assert.Empty(await upgraded.ReadCheckCacheAsync());
        Assert.Equal(1, await upgraded.ExecuteAsync("UPDATE schema_version SET pacer = pacer WHERE version = 2"));
    }

    [StoreFact]
    public async Task The_check_cache_keeps_per_series_what_the_last_check_used_and_a_prune_clears_it()
    {
        await using var store = await OpenNewAsync();
        var run = await store.AddRunAsync(Runs.New());
        await store.WriteCheckCacheAsync(["Level:a", "Level:b"], [new("Level:a", "k1", "v1"), new("Level:a", "k2", "v2"), new("Level:b", "k3", "v3")]);

        // Checking series a again: its unused k1 goes, k2's value is replaced, k4 is new; series b, not checked, is left alone.
        await store.WriteCheckCacheAsync(["Level:a"], [new("Level:a", "k2", "v2'"), new("Level:a", "k4", "v4")]);

        var entries = (await store.ReadCheckCacheAsync()).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [new HistoryCheckCacheEntry("Level:a", "k2", "v2'"), new("Level:b", "k3", "v3"), new("Level:a", "k4", "v4")],
            entries);

        await store.DeleteRunsAsync([run]);

        Assert.Empty(await store.ReadCheckCacheAsync());
    }

    [StoreFact]
    public async Task Two_writers_recording_at_once_lose_nothing()
    {
        var location = NewLocation();

        // Both open a store that does not exist yet (both migrate), then write at the same time, each on its own connections.
        var stores = await Task.WhenAll(Task.Run(() => HistoryStore.OpenAsync(location)), Task.Run(() => HistoryStore.OpenAsync(location)));
        const int each = 20;
        try
        {
            var writes = stores.Select((store, w) => Task.Run(async () =>
            {
                var ids = new List<long>();
                for (var i = 0; i < each; i++)
                {
                    ids.Add(await store.AddRunAsync(Runs.New(plan: $"writer{w}", recordedAt: Runs.Start.AddSeconds(i), p95: i)));
                }

                return ids;
            }));
            var ids = (await Task.WhenAll(writes)).SelectMany(i => i).ToList();

            Assert.Equal(2 * each, ids.Distinct().Count());
            var series = await stores[0].ReadSeriesAsync(RunFilter.All);
            Assert.Empty(series.Damaged);
            foreach (var w in new[] { "writer0", "writer1" })
            {
                Assert.Equal(Enumerable.Range(0, each).Select(i => (double)i), series.Items.Single(s => s.Key == new SeriesKey(w, "all", "p95")).Points.Select(p => p.Value));
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}

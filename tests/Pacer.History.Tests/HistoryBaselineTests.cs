namespace Pacer.History.Tests;

public sealed class HistoryBaselineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pacer-baseline-{Guid.NewGuid():N}");

    [Theory]
    [InlineData("history:main~5", "main", 5)]
    [InlineData("history:main", "main", 1)]
    [InlineData("history:release/1.2~3", "release/1.2", 3)]
    public void A_baseline_names_a_branch_and_a_count(string text, string branch, int count)
    {
        Assert.Equal(new HistoryBaseline(branch, count), HistoryBaseline.Parse(text));
    }

    [Theory]
    [InlineData("history:main~0")]
    [InlineData("history:main~x")]
    [InlineData("history:~3")]
    public void A_malformed_baseline_is_refused_with_an_example(string text)
    {
        Assert.Contains("e.g. history:main~5", Assert.Throws<ArgumentException>(() => HistoryBaseline.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_newest_runs_of_the_branch_are_read_back_as_compare_reads_them_and_a_damaged_one_is_said()
    {
        await using var store = await HistoryStore.OpenAsync(HistoryLocation.Parse(Path.Combine(_folder, "h.db")));
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "go-bench.txt");
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await store.AddRunAsync(RunImporter.FromFile(fixture, null, "micro", new Dictionary<string, string> { ["branch"] = "main", ["commit"] = $"c{i}" }, Runs.Start.AddHours(i))));
        }

        await store.AddRunAsync(RunImporter.FromFile(fixture, null, "micro", new Dictionary<string, string> { ["branch"] = "feature" }, Runs.Start.AddHours(9)));
        await store.ExecuteAsync($"UPDATE runs SET payload_encoding = 'zstd' WHERE id = {ids[2]}");
        var skipped = new List<string>();

        var runs = await new HistoryBaseline("main", 3).LoadAsync(store, null, skipped.Add);

        Assert.Equal(["history:#2 c1", "history:#4 c3"], runs.Select(r => r.Source));
        Assert.Equal(Analysis.Inputs.RunFileReader.Read(fixture).Observations.Select(o => (o.Group, o.Metric, o.Value)), runs[0].Observations.Select(o => (o.Group, o.Metric, o.Value)));
        Assert.Contains(skipped, s => s.StartsWith("history:#3 c2: ", StringComparison.Ordinal) && s.Contains("left out of the baseline", StringComparison.Ordinal));
        Assert.Contains("history:main~3: the baseline has 2 runs, not 3", skipped);
        var none = await Assert.ThrowsAsync<HistoryStoreException>(() => new HistoryBaseline("nope", 2).LoadAsync(store, null, skipped.Add));
        Assert.Contains("no runs of branch 'nope'", none.Message, StringComparison.Ordinal);
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

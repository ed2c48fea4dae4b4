using Microsoft.Data.Sqlite;

namespace Pacer.History.Tests;

/// <summary>The store suite on a SQLite file, and what only SQLite has (WAL, a file that is no database).</summary>
public sealed class SqliteHistoryStoreTests : HistoryStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pacer-history-{Guid.NewGuid():N}");

    private protected override HistoryLocation NewLocation() =>
        HistoryLocation.Parse(Path.Combine(_folder, Guid.NewGuid().ToString("N"), "history.db"));

    [Fact]
    public async Task The_file_is_created_with_its_folder_and_runs_in_WAL_mode()
    {
        var location = NewLocation();
        await using (var store = await HistoryStore.OpenAsync(location))
        {
            await store.AddRunAsync(Runs.New());
        }

        using var connection = new SqliteConnection($"Data Source={location.ConnectionString};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task A_file_that_is_no_database_is_refused_by_name()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "result.json");
        await File.WriteAllTextAsync(path, new string('x', 4096));

        var refused = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStore.OpenAsync(HistoryLocation.Parse(path)));

        Assert.StartsWith($"{path}: not a history store", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_is_refused_by_name()
    {
        Directory.CreateDirectory(_folder);

        var refused = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStore.OpenAsync(HistoryLocation.Parse(_folder)));

        Assert.Contains("is a directory", refused.Message, StringComparison.Ordinal);
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

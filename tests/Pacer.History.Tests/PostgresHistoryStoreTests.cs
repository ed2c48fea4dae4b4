namespace Pacer.History.Tests;

/// <summary>
/// The store suite on a real PostgreSQL server this class starts (<see cref="PostgresServer"/>); skipped, with the reason, only
/// where PostgreSQL's binaries are not installed.
/// </summary>
public sealed class PostgresHistoryStoreTests : HistoryStoreContract, IClassFixture<PostgresServerFixture>
{
    private readonly PostgresServerFixture _fixture;

    public PostgresHistoryStoreTests(PostgresServerFixture fixture) => _fixture = fixture;

    private protected override HistoryLocation NewLocation() => HistoryLocation.Parse(_fixture.Server.NewDatabase());

    [StoreFact]
    public async Task A_postgres_url_reaches_the_same_store_as_its_connection_string()
    {
        var connection = _fixture.Server.NewDatabase();
        var database = connection.Split(';').Single(p => p.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
        await using (var store = await HistoryStore.OpenAsync(HistoryLocation.Parse(connection)))
        {
            await store.AddRunAsync(Runs.New(commit: "abc"));
        }

        var url = HistoryLocation.Parse($"postgres://postgres@127.0.0.1:{_fixture.Server.Port}/{database}");
        await using var again = await HistoryStore.OpenAsync(url);

        Assert.Equal("abc", Assert.Single((await again.ListRunsAsync(RunFilter.All)).Items).Run.Commit);
        Assert.Equal($"postgres://postgres@127.0.0.1:{_fixture.Server.Port}/{database}", url.Display);
    }
}

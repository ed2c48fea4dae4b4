namespace Pacer.History.Tests;

/// <summary>
/// One PostgreSQL server for the class, started on first use: a class whose facts are all skipped (no binaries) never starts one.
/// </summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(() => new PostgresServer());

    public PostgresServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

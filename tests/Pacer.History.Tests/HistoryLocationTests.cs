namespace Pacer.History.Tests;

public sealed class HistoryLocationTests
{
    [Theory]
    [InlineData(null, "Sqlite", ".pacer/history.db")]
    [InlineData("", "Sqlite", ".pacer/history.db")]
    [InlineData("ci/history.db", "Sqlite", "ci/history.db")]
    [InlineData("postgres://ci@db.example/pacer", "Postgres", "postgres://ci@db.example/pacer")]
    [InlineData("postgresql://ci:s3cret@db.example:6543/pacer?sslmode=require", "Postgres", "postgres://ci@db.example:6543/pacer")]
    [InlineData("Host=db.example;Username=ci;Password=s3cret;Database=pacer", "Postgres", "postgres://ci@db.example/pacer")]
    public void The_store_is_told_by_its_form_and_named_without_a_password(string? text, string kind, string display)
    {
        var location = HistoryLocation.Parse(text);

        Assert.Equal((kind, display), (location.Kind.ToString(), location.Display));
        Assert.DoesNotContain("s3cret", location.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_becomes_npgsql_settings()
    {
        var location = HistoryLocation.Parse("postgres://ci:p%40ss@db.example:6543/pacer?sslmode=require");

        var settings = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal(("db.example", 6543, "ci", "p@ss", "pacer", Npgsql.SslMode.Require), (settings.Host, settings.Port, settings.Username, settings.Password, settings.Database, settings.SslMode));
    }

    [Theory]
    [InlineData("postgres://ci:s3cret@db.example/pacer?nonsense=1", "'nonsense' is not a PostgreSQL connection setting")]
    [InlineData("Host=db;Password=s3cret;Bogus=1", "not a PostgreSQL connection string")]
    public void A_bad_postgres_address_is_refused_without_its_password(string text, string expected)
    {
        var refused = Assert.Throws<HistoryStoreException>(() => HistoryLocation.Parse(text));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
    }
}

using Npgsql;

namespace Pacer.History;

/// <summary>
/// Where a history store is: what <c>--history</c> names. A <c>postgres://</c> (or <c>postgresql://</c>) URL or an Npgsql
/// connection string (<c>Host=…</c>) is PostgreSQL; anything else is the path of a SQLite file.
/// </summary>
/// <param name="Kind">The database.</param>
/// <param name="ConnectionString">What the driver is given.</param>
/// <param name="Display">How messages name the store: the file's path, or the server and database without a password.</param>
internal sealed record HistoryLocation(StoreKind Kind, string ConnectionString, string Display)
{
    /// <summary>The default store, relative to the working directory.</summary>
    public const string DefaultPath = ".pacer/history.db";

    /// <summary>The store <paramref name="text"/> names; <see cref="DefaultPath"/> when it is null or empty.</summary>
    /// <exception cref="HistoryStoreException">A PostgreSQL URL or connection string that cannot be read; the message says what is wrong.</exception>
    public static HistoryLocation Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            text = DefaultPath;
        }

        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUrl(text);
        }

        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(text);
            }
            catch (ArgumentException e)
            {
                throw new HistoryStoreException($"--history '{Redact(text)}': not a PostgreSQL connection string ({e.Message}); e.g. Host=db;Username=ci;Database=pacer");
            }

            return new HistoryLocation(StoreKind.Postgres, builder.ConnectionString, Describe(builder));
        }

        return new HistoryLocation(StoreKind.Sqlite, text, text);
    }

    /// <summary>
    /// <c>postgres://user:password@host:port/database?key=value</c>; Npgsql reads only its own key=value strings, so the URL
    /// (the form libpq, psql and most hosting services hand out) is translated. Query keys are Npgsql's (<c>sslmode=require</c>).
    /// </summary>
    private static HistoryLocation FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new HistoryStoreException($"--history '{Redact(text)}': not a PostgreSQL URL; e.g. postgres://ci@db.example:5432/pacer");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            try
            {
                builder[key] = eq < 0 ? "true" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
            catch (ArgumentException e)
            {
                throw new HistoryStoreException($"--history '{Redact(text)}': '{key}' is not a PostgreSQL connection setting ({e.Message})");
            }
        }

        return new HistoryLocation(StoreKind.Postgres, builder.ConnectionString, Describe(builder));
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgres://{(builder.Username is { Length: > 0 } u ? u + "@" : "")}{builder.Host}{(builder.Port != NpgsqlConnection.DefaultPort ? ":" + builder.Port : "")}/{builder.Database}";

    /// <summary>The text without a password, for messages (CI logs are read by many).</summary>
    private static string Redact(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0 && at > scheme)
        {
            var colon = text.IndexOf(':', scheme + 3);
            if (colon >= 0 && colon < at)
            {
                return text[..(colon + 1)] + "***" + text[at..];
            }
        }

        return System.Text.RegularExpressions.Regex.Replace(text, "(?i)(password|pwd)=[^;]*", "$1=***");
    }
}

namespace Pacer.History;

/// <summary>Which database a history store lives in.</summary>
internal enum StoreKind
{
    /// <summary>A SQLite file: embedded, the default (<c>.pacer/history.db</c>).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: a store a team shares.</summary>
    Postgres,
}

using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;

namespace Pacer.History;

/// <summary>
/// The run history (docs/history.md): a SQLite file or a PostgreSQL database with one schema. Every write is one transaction;
/// SQLite runs in WAL mode with a busy timeout, so two CI jobs recording into one file at once wait for each other instead of
/// failing or corrupting it. Reads report the rows they cannot read (<see cref="DamagedRow"/>) and go on with the rest.
/// </summary>
internal sealed class HistoryStore : IAsyncDisposable
{
    /// <summary>How long a writer waits for another's transaction before giving up (SQLite's busy timeout, PostgreSQL's command timeout).</summary>
    private const int BusySeconds = 60;

    /// <summary>PostgreSQL advisory lock key of the migrations ("pacerhst"), so two first opens do not both create the tables.</summary>
    private const long MigrationLock = 0x7061636572687374;

    private const string RunColumns = "id, recorded_at, plan, plan_digest, machine, commit_sha, branch, commit_time, labels, format, source";
    private const string Order = "COALESCE(commit_time, recorded_at), recorded_at, id";

    private readonly NpgsqlDataSource? _postgres;
    private readonly TimeProvider _time;

    private HistoryStore(HistoryLocation location, NpgsqlDataSource? postgres, TimeProvider time)
    {
        Location = location;
        _postgres = postgres;
        _time = time;
    }

    /// <summary>Where the store is.</summary>
    public HistoryLocation Location { get; }

    /// <summary>The version this Pacer writes (<see cref="StoreSchema.Current"/>).</summary>
    public static int SchemaVersion => StoreSchema.Current;

    /// <summary>Opens (creating it if need be) the store at <paramref name="location"/> and brings its schema up to date.</summary>
    /// <exception cref="HistoryStoreException">It cannot be opened, is no history store, or was written by a newer Pacer.</exception>
    public static async Task<HistoryStore> OpenAsync(HistoryLocation location, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        NpgsqlDataSource? postgres = null;
        if (location.Kind == StoreKind.Sqlite)
        {
            if (Directory.Exists(location.ConnectionString))
            {
                throw new HistoryStoreException($"{location.Display}: is a directory; --history takes a file (e.g. {HistoryLocation.DefaultPath}) or a postgres:// URL");
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(location.ConnectionString));
            try
            {
                if (directory is not null)
                {
                    Directory.CreateDirectory(directory);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new HistoryStoreException($"{location.Display}: its folder cannot be created ({e.Message})", e);
            }
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(location.ConnectionString) { CommandTimeout = BusySeconds };
            postgres = NpgsqlDataSource.Create(builder.ConnectionString);
        }

        var store = new HistoryStore(location, postgres, time ?? TimeProvider.System);
        try
        {
            await store.MigrateAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Records <paramref name="run"/> and its values in one transaction; returns its id.</summary>
    public async Task<long> AddRunAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction, """
                INSERT INTO runs (recorded_at, plan, plan_digest, machine, commit_sha, branch, commit_time, labels, format, source, payload, payload_encoding)
                VALUES (@recorded_at, @plan, @plan_digest, @machine, @commit_sha, @branch, @commit_time, @labels, @format, @source, @payload, @payload_encoding)
                RETURNING id
                """);
            Add(insert, "recorded_at", run.RecordedAt.ToUnixTimeMilliseconds());
            Add(insert, "plan", run.Plan);
            Add(insert, "plan_digest", run.PlanDigest);
            Add(insert, "machine", run.Machine);
            Add(insert, "commit_sha", run.Labels.GetValueOrDefault(RunLabels.Commit));
            Add(insert, "branch", run.Labels.GetValueOrDefault(RunLabels.Branch));
            Add(insert, "commit_time", RunLabels.CommitTime(run.Labels)?.ToUnixTimeMilliseconds());
            Add(insert, "labels", JsonSerializer.Serialize(run.Labels, LabelsJsonContext.Default.IReadOnlyDictionaryStringString));
            Add(insert, "format", run.Format);
            Add(insert, "source", run.Source);
            Add(insert, "payload", PayloadCodec.Compress(run.Content));
            Add(insert, "payload_encoding", PayloadCodec.Encoding);
            var id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

            await using var point = Command(connection, transaction, """
                INSERT INTO points (run_id, plan, grp, metric, unit, direction, value, distribution)
                VALUES (@run_id, @plan, @grp, @metric, @unit, @direction, @value, @distribution)
                """);
            foreach (var value in run.Values)
            {
                point.Parameters.Clear();
                Add(point, "run_id", id);
                Add(point, "plan", run.Plan);
                Add(point, "grp", value.Group);
                Add(point, "metric", value.Metric);
                Add(point, "unit", value.Unit);
                Add(point, "direction", DirectionText(value.Direction));
                Add(point, "value", value.Value);
                Add(point, "distribution", value.Distribution);
                await point.ExecuteNonQueryAsync(cancellationToken);
            }

            return id;
        }, cancellationToken);
    }

    /// <summary>The runs <paramref name="filter"/> selects, oldest first (by commit time, then when recorded).</summary>
    public async Task<HistoryRead<StoredRun>> ListRunsAsync(RunFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await ReadAsync(async connection =>
        {
            var (where, parameters) = Where(filter);
            await using var command = Command(connection, null, $"""
                SELECT {RunColumns}, (SELECT COUNT(*) FROM points p WHERE p.run_id = runs.id) FROM runs {where} ORDER BY {Order}
                """);
            parameters(command);
            var damaged = new List<DamagedRow>();
            var runs = new List<StoredRun>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (ReadRun(reader, damaged) is { } run)
                {
                    runs.Add(run with { Values = Convert.ToInt32(reader.GetValue(11), CultureInfo.InvariantCulture) });
                }
            }

            return new HistoryRead<StoredRun>(filter.Last is { } last ? runs.TakeLast(last).ToList() : runs, damaged);
        }, cancellationToken);
    }

    /// <summary>Run <paramref name="id"/>, or null when the store has none (or its row is damaged: the damaged rows say why).</summary>
    public async Task<(StoredRun? Run, IReadOnlyList<SeriesValue> Values, IReadOnlyList<DamagedRow> Damaged)> GetRunAsync(long id, CancellationToken cancellationToken = default)
    {
        return await ReadAsync(async connection =>
        {
            var damaged = new List<DamagedRow>();
            StoredRun? run = null;
            await using (var command = Command(connection, null, $"SELECT {RunColumns} FROM runs WHERE id = @id"))
            {
                Add(command, "id", id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    run = ReadRun(reader, damaged);
                }
            }

            if (run is null)
            {
                return ((StoredRun?)null, (IReadOnlyList<SeriesValue>)[], (IReadOnlyList<DamagedRow>)damaged);
            }

            var values = new List<SeriesValue>();
            await using (var command = Command(connection, null, "SELECT run_id, grp, metric, unit, direction, value, distribution FROM points WHERE run_id = @id ORDER BY grp, metric"))
            {
                Add(command, "id", id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (ReadValue(reader, damaged) is { } value)
                    {
                        values.Add(value.Value);
                    }
                }
            }

            return (run with { Values = values.Count }, values, damaged);
        }, cancellationToken);
    }

    /// <summary>The whole file of run <paramref name="id"/>, as it was recorded.</summary>
    /// <exception cref="HistoryStoreException">No such run, or its stored file cannot be read back (damaged): the message says which.</exception>
    public async Task<string> ReadContentAsync(long id, CancellationToken cancellationToken = default)
    {
        return await ReadAsync(async connection =>
        {
            await using var command = Command(connection, null, "SELECT payload, payload_encoding FROM runs WHERE id = @id");
            Add(command, "id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new HistoryStoreException($"{Location.Display}: no run #{id}");
            }

            try
            {
                if (reader.GetValue(0) is not byte[] payload)
                {
                    throw new InvalidDataException("its file is not stored as bytes");
                }

                return PayloadCodec.Decompress(payload, reader.GetString(1));
            }
            catch (Exception e) when (e is InvalidDataException or DecoderFallbackException or InvalidCastException)
            {
                throw new HistoryStoreException($"{Location.Display}: run #{id}: its stored file is damaged ({e.Message})", e);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Every series of the runs <paramref name="filter"/> selects, each oldest first; a Pacer run's latency quantiles carry its
    /// histogram (<see cref="HistoryPoint.Distribution"/>). This is what detection and the trend page read.
    /// </summary>
    public async Task<HistoryRead<HistorySeries>> ReadSeriesAsync(RunFilter filter, CancellationToken cancellationToken = default)
    {
        var runs = await ListRunsAsync(filter, cancellationToken);
        var order = runs.Items.Select((r, i) => (r.Run, i)).ToDictionary(x => x.Run.Id, x => (x.Run, Index: x.i));
        var damaged = new List<DamagedRow>(runs.Damaged);
        var points = new Dictionary<SeriesKey, List<(int Index, HistoryPoint Point, string Unit, MetricDirection Direction)>>();
        await ReadAsync(async connection =>
        {
            var (where, parameters) = Where(filter with { Last = null });
            await using var command = Command(connection, null, $"""
                SELECT run_id, grp, metric, unit, direction, value, distribution FROM points
                WHERE run_id IN (SELECT id FROM runs {where})
                """);
            parameters(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (ReadValue(reader, damaged) is not { } read || !order.TryGetValue(read.RunId, out var run))
                {
                    // A run outside --last, or whose own row is damaged (already reported once, for the run).
                    continue;
                }

                var key = new SeriesKey(run.Run.Plan, read.Value.Group, read.Value.Metric);
                if (!points.TryGetValue(key, out var list))
                {
                    points[key] = list = [];
                }

                list.Add((run.Index, new HistoryPoint(run.Run, read.Value.Value, read.Value.Distribution), read.Value.Unit, read.Value.Direction));
            }

            return 0;
        }, cancellationToken);

        var series = new List<HistorySeries>();
        foreach (var (key, list) in points.OrderBy(p => p.Key.Plan, StringComparer.Ordinal).ThenBy(p => p.Key.Group, StringComparer.Ordinal).ThenBy(p => p.Key.Metric, StringComparer.Ordinal))
        {
            list.Sort((a, b) => a.Index.CompareTo(b.Index));
            var (unit, direction) = (list[^1].Unit, list[^1].Direction);

            // A quantity whose unit changed (an imported file that switched from ns to µs) is no longer one series: the newest
            // unit wins and the older points are said, not mixed in as numbers a thousand times off.
            foreach (var odd in list.Where(p => p.Unit != unit))
            {
                damaged.Add(new DamagedRow("points", odd.Point.Run.Id, $"{key}: unit '{odd.Unit}' differs from the series' newest unit '{unit}'"));
            }

            series.Add(new HistorySeries(key, unit, direction, [.. list.Where(p => p.Unit == unit).Select(p => p.Point)]));
        }

        return new HistoryRead<HistorySeries>(series, damaged);
    }

    /// <summary>Marks a change point of <paramref name="key"/> at run <paramref name="runId"/> as expected (again: the note is replaced).</summary>
    /// <exception cref="HistoryStoreException">The run has no value on that series; the message says so.</exception>
    public async Task MarkExpectedAsync(SeriesKey key, long runId, string? note, CancellationToken cancellationToken = default)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            await using (var check = Command(connection, transaction, "SELECT COUNT(*) FROM points WHERE run_id = @run_id AND plan = @plan AND grp = @grp AND metric = @metric"))
            {
                AddKey(check, key, runId);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                {
                    throw new HistoryStoreException($"{Location.Display}: run #{runId} has no value on the series {key} (pacer history show {runId} lists its series)");
                }
            }

            await using (var delete = Command(connection, transaction, "DELETE FROM expected WHERE run_id = @run_id AND plan = @plan AND grp = @grp AND metric = @metric"))
            {
                AddKey(delete, key, runId);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var insert = Command(connection, transaction, "INSERT INTO expected (plan, grp, metric, run_id, marked_at, note) VALUES (@plan, @grp, @metric, @run_id, @marked_at, @note)");
            AddKey(insert, key, runId);
            Add(insert, "marked_at", _time.GetUtcNow().ToUnixTimeMilliseconds());
            Add(insert, "note", note);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Every change point marked expected, with when and why; detection reads <see cref="ExpectedMark.Change"/> of each
    /// (series, first run after the change) as <see cref="HistoryCheckOptions.Expected"/>.
    /// </summary>
    public async Task<IReadOnlyList<ExpectedMark>> ReadExpectedAsync(CancellationToken cancellationToken = default)
    {
        return await ReadAsync(async connection =>
        {
            await using var command = Command(connection, null, "SELECT plan, grp, metric, run_id, marked_at, note FROM expected ORDER BY run_id, plan, grp, metric");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var expected = new List<ExpectedMark>();
            while (await reader.ReadAsync(cancellationToken))
            {
                expected.Add(new ExpectedMark(
                    new ExpectedChange(new SeriesKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)), reader.GetInt64(3)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return (IReadOnlyList<ExpectedMark>)expected;
        }, cancellationToken);
    }

    /// <summary>The runs <paramref name="rule"/> selects, oldest first (nothing is removed).</summary>
    public async Task<IReadOnlyList<StoredRun>> FindPrunableAsync(PruneRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var runs = await ListRunsAsync(RunFilter.All, cancellationToken);
        var kept = rule.Keep is { } keep
            ? runs.Items.GroupBy(r => r.Run.Plan, StringComparer.Ordinal).SelectMany(g => g.TakeLast(keep)).Select(r => r.Run.Id).ToHashSet()
            : [];
        return [.. runs.Items.Where(r =>
            (rule.Keep is null || !kept.Contains(r.Run.Id))
            && (rule.Before is not { } before || r.Run.RecordedAt < before))];
    }

    /// <summary>Removes the runs <paramref name="ids"/>, their values and their expected marks (and the check cache), in one transaction; returns how many went.</summary>
    public async Task<int> DeleteRunsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return await WriteAsync(async (connection, transaction) =>
        {
            var removed = 0;
            foreach (var id in ids)
            {
                // Children first, explicitly: SQLite enforces ON DELETE CASCADE only on connections that asked for it.
                foreach (var table in new[] { "expected", "points" })
                {
                    await using var child = Command(connection, transaction, $"DELETE FROM {table} WHERE run_id = @id");
                    Add(child, "id", id);
                    await child.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var run = Command(connection, transaction, "DELETE FROM runs WHERE id = @id");
                Add(run, "id", id);
                removed += await run.ExecuteNonQueryAsync(cancellationToken);
            }

            // Pruned runs shift every window after them: the cache's digests would miss anyway, this frees their rows now.
            if (removed > 0)
            {
                await using var cache = Command(connection, transaction, "DELETE FROM check_cache");
                await cache.ExecuteNonQueryAsync(cancellationToken);
            }

            return removed;
        }, cancellationToken);
    }

    /// <summary>What earlier <c>history check</c>s computed, for the next one's <see cref="HistoryCheckCache"/>.</summary>
    public async Task<IReadOnlyList<HistoryCheckCacheEntry>> ReadCheckCacheAsync(CancellationToken cancellationToken = default)
    {
        return await ReadAsync(async connection =>
        {
            await using var command = Command(connection, null, "SELECT series, key, value FROM check_cache");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var entries = new List<HistoryCheckCacheEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new HistoryCheckCacheEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }

            return (IReadOnlyList<HistoryCheckCacheEntry>)entries;
        }, cancellationToken);
    }

    /// <summary>
    /// Keeps what a check used, in one transaction: for each series in <paramref name="checkedSeries"/> its rows become exactly
    /// its entries in <paramref name="used"/> (results of runs since pruned or of other options go); other series' rows stay.
    /// Two checks writing at once are harmless: a key always holds the same result, whoever writes it.
    /// </summary>
    public async Task WriteCheckCacheAsync(IReadOnlyCollection<string> checkedSeries, IReadOnlyCollection<HistoryCheckCacheEntry> used, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkedSeries);
        ArgumentNullException.ThrowIfNull(used);
        await WriteAsync(async (connection, transaction) =>
        {
            var stored = new Dictionary<string, (string Series, string Value)>(StringComparer.Ordinal);
            await using (var read = Command(connection, transaction, "SELECT key, series, value FROM check_cache"))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    stored[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
                }
            }

            var keep = used.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            var series = checkedSeries.ToHashSet(StringComparer.Ordinal);
            foreach (var (key, row) in stored.Where(r => series.Contains(r.Value.Series) && !keep.Contains(r.Key)))
            {
                await using var delete = Command(connection, transaction, "DELETE FROM check_cache WHERE key = @key");
                Add(delete, "key", key);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var entry in used.Where(e => !stored.TryGetValue(e.Key, out var row) || row.Value != e.Value || row.Series != e.Series))
            {
                await using var upsert = Command(
                    connection, transaction,
                    "INSERT INTO check_cache (key, series, value) VALUES (@key, @series, @value) ON CONFLICT (key) DO UPDATE SET series = excluded.series, value = excluded.value");
                Add(upsert, "key", entry.Key);
                Add(upsert, "series", entry.Series);
                Add(upsert, "value", entry.Value);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            return 0;
        }, cancellationToken);
    }

    /// <summary>Runs one statement on the store, for tests that damage a row on purpose.</summary>
    internal Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, sql);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        else
        {
            // Pooled connections hold the file open; a store that was closed must let it be moved or removed.
            SqliteConnection.ClearAllPools();
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (Location.Kind == StoreKind.Sqlite)
        {
            // WAL lets readers go on while one job writes, and a writer waits (busy timeout) rather than fail. It is a property
            // of the file, set once outside any transaction.
            await ReadAsync(async connection =>
            {
                await using var wal = Command(connection, null, "PRAGMA journal_mode = WAL");
                return await wal.ExecuteScalarAsync(cancellationToken);
            }, cancellationToken);
        }

        await WriteAsync(async (connection, transaction) =>
        {
            if (Location.Kind == StoreKind.Postgres)
            {
                await using var locked = Command(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})");
                await locked.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var create = Command(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL, pacer TEXT NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            int version;
            string? writer;
            await using (var read = Command(connection, transaction, "SELECT version, pacer FROM schema_version ORDER BY version DESC"))
            {
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                (version, writer) = await reader.ReadAsync(cancellationToken)
                    ? (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1))
                    : (0, null);
            }

            if (version > StoreSchema.Current)
            {
                throw new HistoryStoreException(
                    $"{Location.Display}: this history store has schema version {version}, written by a newer Pacer ({writer}); this Pacer ({PacerVersion}) reads versions up to {StoreSchema.Current}. Upgrade Pacer to use it, or give another store with --history");
            }

            for (var next = version + 1; next <= StoreSchema.Current; next++)
            {
                foreach (var statement in StoreSchema.Migrations[next - 1])
                {
                    await using var migrate = Command(connection, transaction, StoreSchema.For(Location.Kind, statement));
                    await migrate.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var record = Command(connection, transaction, "INSERT INTO schema_version (version, applied_at, pacer) VALUES (@version, @applied_at, @pacer)");
                Add(record, "version", next);
                Add(record, "applied_at", _time.GetUtcNow().ToUnixTimeMilliseconds());
                Add(record, "pacer", PacerVersion);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            return 0;
        }, cancellationToken);
    }

    private static string PacerVersion { get; } =
        typeof(HistoryStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_postgres is not null)
            {
                return await _postgres.OpenConnectionAsync(cancellationToken);
            }

            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Location.ConnectionString,
                Mode = SqliteOpenMode.ReadWriteCreate,
                DefaultTimeout = BusySeconds,
            }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusySeconds * 1000}; PRAGMA foreign_keys = ON";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new HistoryStoreException($"{Location.Display}: the history store cannot be opened ({e.Message})", e);
        }
    }

    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            return await read(connection);
        }
        catch (DbException e)
        {
            throw Failed(e);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction. SQLite's is <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default):
    /// the write lock is taken at the start, so two writers queue on the busy timeout instead of one failing on upgrade.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await write(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (DbException e)
        {
            throw Failed(e);
        }
    }

    private HistoryStoreException Failed(DbException e) =>
        e is SqliteException { SqliteErrorCode: 26 }
            ? new HistoryStoreException($"{Location.Display}: not a history store (SQLite: {e.Message}); --history takes a store's file, or a new path for a new store", e)
            : new HistoryStoreException($"{Location.Display}: {e.Message}", e);

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            // Npgsql must be told the type of a null; every nullable column here is text or a number of milliseconds.
            parameter.DbType = name == "commit_time" ? System.Data.DbType.Int64 : System.Data.DbType.String;
        }

        command.Parameters.Add(parameter);
    }

    private static void AddKey(DbCommand command, SeriesKey key, long runId)
    {
        Add(command, "run_id", runId);
        Add(command, "plan", key.Plan);
        Add(command, "grp", key.Group);
        Add(command, "metric", key.Metric);
    }

    private static (string Where, Action<DbCommand> Parameters) Where(RunFilter filter)
    {
        var conditions = new List<string>();
        if (filter.Plan is not null)
        {
            conditions.Add("plan = @f_plan");
        }

        if (filter.Branch is not null)
        {
            conditions.Add("branch = @f_branch");
        }

        if (filter.Since is not null)
        {
            conditions.Add("recorded_at >= @f_since");
        }

        return (conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions), command =>
        {
            if (filter.Plan is not null)
            {
                Add(command, "f_plan", filter.Plan);
            }

            if (filter.Branch is not null)
            {
                Add(command, "f_branch", filter.Branch);
            }

            if (filter.Since is { } since)
            {
                Add(command, "f_since", since.ToUnixTimeMilliseconds());
            }
        });
    }

    /// <summary>A run row (<see cref="RunColumns"/>), or null with the reason added to <paramref name="damaged"/>.</summary>
    private static StoredRun? ReadRun(DbDataReader reader, List<DamagedRow> damaged)
    {
        var id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        try
        {
            var labels = JsonSerializer.Deserialize(reader.GetString(8), LabelsJsonContext.Default.DictionaryStringString)
                ?? throw new JsonException("labels are null");
            var run = new HistoryRun(
                id,
                DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 1)),
                reader.GetString(2),
                Text(reader, 5),
                Text(reader, 6),
                reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 7)),
                labels);
            return new StoredRun(run, Text(reader, 3), Text(reader, 4), reader.GetString(9), reader.GetString(10), 0);
        }
        catch (Exception e) when (e is JsonException or InvalidCastException or FormatException or ArgumentOutOfRangeException)
        {
            damaged.Add(new DamagedRow("runs", id, $"cannot be read ({e.Message})"));
            return null;
        }
    }

    /// <summary>A point row (run_id, grp, metric, unit, direction, value, distribution), or null with the reason added to <paramref name="damaged"/>.</summary>
    private static (long RunId, SeriesValue Value)? ReadValue(DbDataReader reader, List<DamagedRow> damaged)
    {
        var runId = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var where = $"{Safe(reader, 1)} · {Safe(reader, 2)}";
        try
        {
            var direction = reader.GetString(4) switch
            {
                "lower" => MetricDirection.LowerIsBetter,
                "higher" => MetricDirection.HigherIsBetter,
                var other => throw new FormatException($"direction '{other}' is neither 'lower' nor 'higher'"),
            };

            // SQLite keeps whatever a column was given: a value that is text would read as 0 through GetDouble, a number that
            // cannot be true; it is checked for a number here instead.
            var value = reader.GetValue(5) switch
            {
                double d when double.IsFinite(d) => d,
                long l => l,
                var other => throw new FormatException($"value '{other}' is not a finite number"),
            };
            return (runId, new SeriesValue(reader.GetString(1), reader.GetString(2), reader.GetString(3), direction, value, Text(reader, 6)));
        }
        catch (Exception e) when (e is InvalidCastException or FormatException)
        {
            damaged.Add(new DamagedRow("points", runId, $"{where}: {e.Message}"));
            return null;
        }
    }

    private static string Safe(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "?" : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? "?";

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long Long(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        long l => l,
        int i => i,
        var other => throw new InvalidCastException($"'{other}' is not a time"),
    };

    private static string DirectionText(MetricDirection direction) => direction == MetricDirection.HigherIsBetter ? "higher" : "lower";
}

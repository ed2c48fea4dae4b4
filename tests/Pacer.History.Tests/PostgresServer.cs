using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pacer.History.Tests;

/// <summary>
/// A real PostgreSQL server for the store suite, started from Debian's <c>postgresql</c> binaries: <c>initdb</c> in a temporary
/// folder, <c>pg_ctl start</c> on 127.0.0.1 with a free port, trust authentication, removed after. PostgreSQL refuses to run
/// as root, so under root (CI containers) the binaries run as the <c>postgres</c> user through <c>runuser</c>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly string? Bin = FindBin();

    private readonly string _folder;
    private readonly string _data;
    private readonly bool _asPostgres;

    public PostgresServer()
    {
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        _asPostgres = Environment.UserName == "root";
        _folder = Path.Combine(Path.GetTempPath(), $"pacer-pg-{Guid.NewGuid():N}");
        _data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(_folder);
        if (_asPostgres)
        {
            Run("chown", "postgres:", _folder);
        }

        Port = FreePort();
        Pg("initdb", "-D", _data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        Pg("pg_ctl", "-D", _data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50", "start");
    }

    /// <summary>Why no server can be started here (no binaries, or root without a <c>postgres</c> user), or null.</summary>
    public static string? Unavailable { get; } =
        Bin is null ? "PostgreSQL's binaries (initdb, pg_ctl) are not installed: apt-get install postgresql (.ci/run does)"
        : Environment.UserName == "root" && !File.ReadAllText("/etc/passwd").Contains("\npostgres:", StringComparison.Ordinal)
            ? "running as root, and there is no postgres user to run PostgreSQL as (it refuses root)"
            : null;

    public int Port { get; }

    /// <summary>A new, empty database on the server, as an Npgsql connection string.</summary>
    public string NewDatabase()
    {
        var name = $"pacer_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    public void Dispose()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            Pg("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? FindBin()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        return versions.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Pg(string tool, params string[] arguments)
    {
        var path = Path.Combine(Bin!, tool);
        if (_asPostgres)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: did not finish in 90 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: exit {process.ExitCode}: {output.Result}{error.Result}");
        }
    }
}

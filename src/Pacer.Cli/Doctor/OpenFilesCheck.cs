using System.Globalization;

namespace Pacer.Cli.Doctor;

/// <summary>
/// The open-file limit (RLIMIT_NOFILE) against the planned connections: every connection is a file descriptor, and one past
/// the limit fails to open ("too many open files"). Read from /proc/self/limits, so it is the limit a .NET process started
/// from this shell gets (the runtime raises its soft limit to the hard one as it starts).
/// </summary>
internal sealed class OpenFilesCheck : IDoctorCheck
{
    /// <summary>Descriptors Pacer holds besides its connections: assemblies being loaded, event loops' epoll and wake-up descriptors, the result and report files, the terminal.</summary>
    public const int Headroom = 100;

    public string Name => "open files";

    public DoctorFinding Examine(DoctorContext context)
    {
        var line = context.Files.Read("/proc/self/limits")?.Split('\n').FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var fields = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is not { Length: >= 2 } || Limit(fields[0]) is not { } soft || Limit(fields[1]) is not { } hard)
        {
            return new(Name, "unknown (no /proc/self/limits)", DoctorVerdict.Unknown, "Without the limit, whether the planned connections fit cannot be told.", "ulimit -n; ulimit -Hn");
        }

        var need = (long)context.Demand.Connections + Headroom;
        var found = $"soft {Text(soft)}, hard {Text(hard)}; needs {need:#,0} ({context.Demand.Connections:#,0} connections + {Headroom})";
        if (soft >= need)
        {
            return new(Name, found, DoctorVerdict.Ok, "Every planned connection gets a file descriptor.", null);
        }

        var target = Math.Max(need, 65536);
        return hard >= need
            ? new(Name, found, DoctorVerdict.Limit, "Connections past the soft limit fail to open (\"too many open files\").", $"ulimit -n {Math.Min(target, hard)}")
            : new(Name, found, DoctorVerdict.Limit, "Connections past the limit fail to open (\"too many open files\"), and the hard limit is below what the run needs: only root can raise it.",
                $"as root: ulimit -Hn {target} && ulimit -n {target} (a service: LimitNOFILE={target}; a login: nofile in /etc/security/limits.conf)");
    }

    private static long? Limit(string text) =>
        text == "unlimited" ? long.MaxValue : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Text(long limit) => limit == long.MaxValue ? "unlimited" : limit.ToString("#,0", CultureInfo.InvariantCulture);
}

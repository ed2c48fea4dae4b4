using System.Globalization;

namespace Pacer.Cli.Doctor;

/// <summary>
/// net.core.somaxconn caps every listening socket's backlog on this machine: when a local target receives more connections at
/// once than its backlog holds, the rest wait for the client's SYN retry (1 s, then 3 s) and show as latency that is not the
/// service's. It matters only where the target runs.
/// </summary>
internal sealed class ListenBacklogCheck : IDoctorCheck
{
    public string Name => "somaxconn";

    public DoctorFinding Examine(DoctorContext context)
    {
        var text = context.Files.Read("/proc/sys/net/core/somaxconn");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var backlog))
        {
            return new(Name, "unknown (no /proc/sys/net/core/somaxconn)", DoctorVerdict.Unknown, "A local target's listen backlog cap cannot be told.", "sysctl net.core.somaxconn");
        }

        var connections = context.Demand.Connections;
        if (context.Placement.OnThisMachine == false)
        {
            return new(Name, $"{backlog:#,0} (the target is remote: its machine's setting counts)", DoctorVerdict.Ok, "It caps listen backlogs on this machine only.", null);
        }

        var where = context.Placement.OnThisMachine == true ? "the target is on this machine" : "where the target is, is unknown: judged as if on this machine";
        var found = $"{backlog:#,0} for up to {connections:#,0} connections ({where})";
        return backlog >= connections
            ? new(Name, found, DoctorVerdict.Ok, "A burst of every planned connection fits a listen backlog.", null)
            : new(Name, found, DoctorVerdict.Warn, "Connections opened at once beyond the backlog wait for SYN retries (1 s, 3 s) and show as latency; the service's own backlog must be raised too.",
                $"sysctl -w net.core.somaxconn={Math.Min(65535, Math.Max(4096, connections))}");
    }
}

using System.Globalization;

namespace Pacer.Cli.Doctor;

/// <summary>
/// The ephemeral port range against the connections to one target: every connection to the same address and port takes a
/// local port of its own from net.ipv4.ip_local_port_range.
/// </summary>
internal sealed class PortRangeCheck : IDoctorCheck
{
    private const string Fix = "sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"";

    public string Name => "ephemeral ports";

    public DoctorFinding Examine(DoctorContext context)
    {
        var bounds = context.Files.Read("/proc/sys/net/ipv4/ip_local_port_range")?.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (bounds is not { Length: 2 }
            || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high))
        {
            return new(Name, "unknown (no /proc/sys/net/ipv4/ip_local_port_range)", DoctorVerdict.Unknown, "Without the range, whether the planned connections to one target fit cannot be told.", "sysctl net.ipv4.ip_local_port_range");
        }

        var ports = Math.Max(0, high - low + 1);
        var connections = context.Demand.Connections;
        var found = $"{low}-{high}: {ports:#,0} ports for up to {connections:#,0} connections to one target";
        if (connections > ports)
        {
            return new(Name, found, DoctorVerdict.Limit, "Connections past the range fail to open (\"cannot assign requested address\").", Fix);
        }

        // Closed connections keep their port in TIME_WAIT for 60 s, so a run that reconnects (errors, timeouts, a server that
        // closes connections) needs ports beyond its open ones.
        return connections > ports / 2
            ? new(Name, found, DoctorVerdict.Warn, "Over half the range: connections that close hold their port in TIME_WAIT for 60 s, so reconnecting can run out.", Fix)
            : new(Name, found, DoctorVerdict.Ok, "Room for every connection, and for reconnecting.", null);
    }
}

namespace Pacer.Cli.Doctor;

/// <summary>
/// Whether a new connection may take a port still in TIME_WAIT (net.ipv4.tcp_tw_reuse): 0 no, 1 yes, 2 (the default) only
/// for loopback — which covers a target on this machine, since traffic to a local address goes over loopback.
/// </summary>
internal sealed class TimeWaitReuseCheck : IDoctorCheck
{
    public string Name => "TIME_WAIT reuse";

    public DoctorFinding Examine(DoctorContext context)
    {
        const string Fix = "sysctl -w net.ipv4.tcp_tw_reuse=1";
        const string Why = "Each connection Pacer closes (a timeout, an error) holds its port for 60 s; a run that reconnects often can run out of ports.";
        var value = context.Files.Read("/proc/sys/net/ipv4/tcp_tw_reuse");
        var local = context.Placement.OnThisMachine;
        return value switch
        {
            "1" => new(Name, "1 (on)", DoctorVerdict.Ok, "A new connection may reuse a port in TIME_WAIT.", null),
            "2" when local == true => new(Name, "2 (loopback only; the target is on this machine)", DoctorVerdict.Ok, "A new connection to the local target may reuse a port in TIME_WAIT.", null),
            "2" => new(Name, local == false ? "2 (loopback only; the target is remote)" : "2 (loopback only; where the target is, is unknown)", DoctorVerdict.Warn, Why, Fix),
            "0" => new(Name, "0 (off)", DoctorVerdict.Warn, Why, Fix),
            null => new(Name, "unknown (no /proc/sys/net/ipv4/tcp_tw_reuse)", DoctorVerdict.Unknown, "Whether closed connections' ports can be reused cannot be told.", "sysctl net.ipv4.tcp_tw_reuse"),
            _ => new(Name, $"{value} (not a known setting)", DoctorVerdict.Unknown, "The kernel knows 0, 1 and 2.", "sysctl net.ipv4.tcp_tw_reuse"),
        };
    }
}

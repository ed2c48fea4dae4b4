namespace Pacer.Core.Monitoring;

/// <summary>One network interface's byte counters (<c>/proc/PID/net/dev</c>): received and transmitted since it came up.</summary>
internal readonly record struct NetDevBytes(long Received, long Sent);

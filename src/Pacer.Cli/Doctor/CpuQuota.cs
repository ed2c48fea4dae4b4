namespace Pacer.Cli.Doctor;

/// <summary>A cgroup's CPU limit on this process: <paramref name="Cores"/> per period (quota / period), set in <paramref name="File"/>.</summary>
internal sealed record CpuQuota(double Cores, string File);

using System.Globalization;

namespace Pacer.Cli.Doctor;

/// <summary>
/// The cores Pacer may use: the machine's online cores, this process's affinity, and the tightest cgroup CPU quota. A quota
/// below the allowed cores is worse than fewer cores: a process that uses up its quota early in a period is stopped until the
/// next (100 ms by default), which shows as lag spikes.
/// </summary>
internal sealed class CoresCheck : IDoctorCheck
{
    public string Name => "cores";

    public DoctorFinding Examine(DoctorContext context)
    {
        var online = CpuList.Count(context.Files.Read("/sys/devices/system/cpu/online"));
        var allowed = CpuList.Count(context.Files.Read("/proc/self/status")?.Split('\n')
            .FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))?["Cpus_allowed_list:".Length..]);
        var quota = CgroupCpuQuotaReader.Read(context.Files);
        var found = string.Join(", ", new[]
        {
            $"{Count(online)} online",
            $"{Count(allowed)} allowed (affinity)",
            quota is null ? "no cgroup CPU quota" : $"cgroup quota {quota.Cores.ToString("0.##", CultureInfo.InvariantCulture)} ({quota.File})",
            $".NET uses {context.ProcessorCount}",
        });

        var usable = Math.Min(allowed ?? context.ProcessorCount, quota?.Cores ?? double.MaxValue);
        if (quota is not null && quota.Cores < (allowed ?? online ?? context.ProcessorCount))
        {
            return new(Name, found, DoctorVerdict.Warn,
                "A CPU quota: when Pacer uses it up early in a period, the kernel stops it until the next one, and its requests go out late.",
                "raise or remove the quota (docker run --cpus, the cgroup's cpu.max), or run Pacer outside that cgroup");
        }

        return usable < 2
            ? new(Name, found, DoctorVerdict.Warn, "One core: Pacer's event loop, its dispatcher and the runtime's threads take turns on it; expect lag at high rates.", "more cores (a larger machine or VM), or taskset -c with more CPUs")
            : new(Name, found, DoctorVerdict.Ok, "Room for Pacer's event loops and the runtime's threads.", null);
    }

    private static string Count(int? count) => count?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
}

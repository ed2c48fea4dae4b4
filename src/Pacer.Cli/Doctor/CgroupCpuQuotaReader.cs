using System.Globalization;

namespace Pacer.Cli.Doctor;

/// <summary>
/// The tightest CPU quota of this process's cgroups, v2 (cpu.max) or v1 (cpu.cfs_quota_us / cpu.cfs_period_us), on the
/// process's own cgroup and every ancestor up to the mount: a parent's limit binds its children. Found through
/// /proc/self/cgroup and /proc/self/mountinfo, so it works on hybrid machines (v1 cpu controller beside a v2 mount) too.
/// </summary>
internal static class CgroupCpuQuotaReader
{
    /// <summary>The tightest quota, or null when there is none (or no cgroup information).</summary>
    public static CpuQuota? Read(HostFiles files)
    {
        var memberships = (files.Read("/proc/self/cgroup") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 3)).Where(f => f.Length == 3).ToList();
        var mounts = (files.Read("/proc/self/mountinfo") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(CgroupMount.Parse).OfType<CgroupMount>().ToList();
        var quotas = new List<CpuQuota>();

        if (memberships.FirstOrDefault(f => f[0] == "0" && f[1].Length == 0) is { } unified
            && mounts.FirstOrDefault(m => m.Type == "cgroup2") is { } v2)
        {
            quotas.AddRange(Folders(v2, unified[2]).Select(folder => V2(files, folder)).OfType<CpuQuota>());
        }

        if (memberships.FirstOrDefault(f => f[1].Split(',').Contains("cpu")) is { } cpu
            && mounts.FirstOrDefault(m => m.Type == "cgroup" && m.Options.Split(',').Contains("cpu")) is { } v1)
        {
            quotas.AddRange(Folders(v1, cpu[2]).Select(folder => V1(files, folder)).OfType<CpuQuota>());
        }

        return quotas.MinBy(q => q.Cores);
    }

    /// <summary>The cgroup's folder under the mount, then each parent up to the mount point.</summary>
    private static IEnumerable<string> Folders(CgroupMount mount, string cgroup)
    {
        // The mount shows the hierarchy from its root; a process in a cgroup namespace sees paths relative to that root already.
        var relative = cgroup.StartsWith(mount.Root, StringComparison.Ordinal) ? cgroup[mount.Root.Length..] : cgroup;
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var depth = parts.Length; depth >= 0; depth--)
        {
            yield return mount.Point.TrimEnd('/') + (depth == 0 ? "" : "/" + string.Join('/', parts[..depth]));
        }
    }

    private static CpuQuota? V2(HostFiles files, string folder)
    {
        var fields = files.Read(folder + "/cpu.max")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: 2 } && Number(fields[0]) is { } quota && Number(fields[1]) is { } period && period > 0
            ? new(quota / period, folder + "/cpu.max")
            : null;
    }

    private static CpuQuota? V1(HostFiles files, string folder) =>
        Number(files.Read(folder + "/cpu.cfs_quota_us")) is { } quota && Number(files.Read(folder + "/cpu.cfs_period_us")) is { } period && period > 0
            ? new(quota / period, folder + "/cpu.cfs_quota_us")
            : null;

    /// <summary>A non-negative number; "max" (v2) and -1 (v1), meaning no quota, are null.</summary>
    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}

namespace Pacer.Cli.Tests.Watching;

/// <summary>
/// A <see cref="FactAttribute"/> for tests that create a child cgroup under the machine's cgroup v2 mount (found in
/// /proc/mounts). Where there is none, or it cannot be written (not root, a read-only container mount), the test is reported
/// skipped with the reason; xunit 2 cannot skip from inside a test, so the probe (create and remove one cgroup) runs at discovery.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CgroupV2FactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Refusal = new(Probe);

    public CgroupV2FactAttribute()
    {
        if (Refusal.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Where cgroup v2 is mounted, or null.</summary>
    public static string? Mount()
    {
        if (!File.Exists("/proc/mounts"))
        {
            return null;
        }

        return File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).FirstOrDefault(f => f.Length > 2 && f[2] == "cgroup2")?[1];
    }

    private static string? Probe()
    {
        if (Mount() is not { } mount)
        {
            return "no cgroup v2 mount in /proc/mounts";
        }

        var probe = Path.Combine(mount, $"pacer-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create a cgroup under {mount} ({e.Message}); needs root and a writable cgroup v2 mount";
        }
    }
}

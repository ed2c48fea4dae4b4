using System.Text.RegularExpressions;

namespace Pacer.Cli.Doctor;

/// <summary>
/// The CPU frequency governor of each core (/sys/devices/system/cpu/cpuN/cpufreq/scaling_governor). Anything but
/// "performance" lets idle cores slow down, so a run's first seconds, or an open model at a low rate, measure a slower
/// machine. Virtual machines and containers usually have no cpufreq at all: the host decides, and this machine cannot tell.
/// </summary>
internal sealed partial class CpuGovernorCheck : IDoctorCheck
{
    public string Name => "CPU governor";

    public DoctorFinding Examine(DoctorContext context)
    {
        var governors = context.Files.Directories("/sys/devices/system/cpu", "cpu*")
            .Where(d => CoreFolder().IsMatch(d))
            .Select(d => context.Files.Read(d + "/cpufreq/scaling_governor"))
            .OfType<string>()
            .ToList();
        if (governors.Count == 0)
        {
            return new(Name, "unknown (no cpufreq: a VM or container, where the host sets the frequency)", DoctorVerdict.Unknown,
                "Whether idle cores slow down cannot be told here.", "on the host: cpupower frequency-set -g performance");
        }

        var found = string.Join(", ", governors.GroupBy(g => g, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"));
        return governors.All(g => g == "performance")
            ? new(Name, found, DoctorVerdict.Ok, "Every core runs at full speed.", null)
            : new(Name, found, DoctorVerdict.Warn, "Idle cores slow down and speed up under load: the first seconds, and low rates, measure a slower machine.",
                "cpupower frequency-set -g performance (or: echo performance | sudo tee /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor)");
    }

    [GeneratedRegex(@"/cpu[0-9]+$")]
    private static partial Regex CoreFolder();
}

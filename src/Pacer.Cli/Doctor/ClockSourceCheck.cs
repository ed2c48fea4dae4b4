namespace Pacer.Cli.Doctor;

/// <summary>
/// The kernel's clock source, which every timestamp Pacer takes (two or three a request) is read from. tsc (x86) and
/// arch_sys_counter (ARM) are read in user space in nanoseconds; the others cost more per read (kvm-clock and Hyper-V's page a
/// little, hpet and acpi_pm a system call each).
/// </summary>
internal sealed class ClockSourceCheck : IDoctorCheck
{
    private static readonly string[] Fast = ["tsc", "arch_sys_counter"];

    public string Name => "clock source";

    public DoctorFinding Examine(DoctorContext context)
    {
        const string Folder = "/sys/devices/system/clocksource/clocksource0";
        var current = context.Files.Read(Folder + "/current_clocksource");
        if (current is null)
        {
            return new(Name, "unknown (no " + Folder + ")", DoctorVerdict.Unknown, "How costly a timestamp is cannot be told.", "cat " + Folder + "/current_clocksource");
        }

        if (Fast.Contains(current, StringComparer.Ordinal))
        {
            return new(Name, current, DoctorVerdict.Ok, "Timestamps are read in user space in nanoseconds.", null);
        }

        var available = context.Files.Read(Folder + "/available_clocksource")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var better = available.FirstOrDefault(a => Fast.Contains(a, StringComparer.Ordinal));
        return new(Name, $"{current} (available: {(available.Length == 0 ? "unknown" : string.Join(' ', available))})", DoctorVerdict.Warn,
            "Every timestamp costs more than with tsc; at high rates that is generator CPU and lag.",
            better is null ? "none on this machine: the (virtual) machine offers no tsc" : $"echo {better} | sudo tee {Folder}/current_clocksource");
    }
}

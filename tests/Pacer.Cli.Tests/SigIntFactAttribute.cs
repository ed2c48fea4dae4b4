using System.Globalization;

namespace Pacer.Cli.Tests;

/// <summary>
/// A <see cref="FactAttribute"/> for tests that send SIGINT to a child <c>pacer</c>. A shell without job control starts its
/// background commands with SIGINT ignored, children inherit that, and .NET then leaves SIGINT ignored (as a program started
/// with <c>nohup</c> or <c>&amp;</c> should): the child never hears the signal, and the test would wait out the whole run and
/// fail for a reason that is the test host's, not Pacer's. Such a host reports these tests skipped with the reason instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SigIntFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Refusal = new(Probe);

    public SigIntFactAttribute()
    {
        if (Refusal.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Null when a child of this process can receive SIGINT; else why not.</summary>
    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return OperatingSystem.IsWindows() ? "SIGINT is a Unix signal" : null;
        }

        // SigIgn is the mask of ignored signals in hex; SIGINT is signal 2, bit 1.
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is null || !ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var ignored))
        {
            return null;
        }

        return (ignored & (1UL << 1)) != 0
            ? "the test host ignores SIGINT (started in the background by a shell without job control), so a child pacer inherits that and cannot be interrupted with it; run dotnet test in the foreground"
            : null;
    }
}

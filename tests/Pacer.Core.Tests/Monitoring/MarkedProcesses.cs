using System.Globalization;

namespace Pacer.Core.Tests.Monitoring;

/// <summary>
/// Processes found by an environment variable they inherited: how a test tells whether anything started through Pacer —
/// which puts services in sessions of their own, out of reach of the test's process tree — outlived what started it.
/// Shared with the CLI's tests.
/// </summary>
internal static class MarkedProcesses
{
    /// <summary>The variable's name; its value is the test's own (<see cref="NewMark"/>).</summary>
    public const string Variable = "PACER_TEST_MARK";

    /// <summary>A value no other test uses.</summary>
    public static string NewMark() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// The processes (pid and command line) whose environment holds <see cref="Variable"/>=<paramref name="mark"/>; each is
    /// killed, so a failing test leaves none behind.
    /// </summary>
    public static List<string> KillAll(string mark)
    {
        var entry = $"{Variable}={mark}";
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains(entry))
                {
                    found.Add($"{pid}: {File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ')}");
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone since the listing, or not ours to read.
            }
        }

        return found;
    }
}

using System.Diagnostics;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// A <see cref="FactAttribute"/> for tests that mount a small tmpfs. Where mounting is refused (not Linux, not root, a container
/// without the capability) the test is reported skipped with the reason, rather than returning early and counting as a pass
/// that tested nothing. xunit 2 has no skip from inside a test (<c>Assert.Skip</c> is xunit 3), so the mount is tried once, at
/// discovery.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Refusal = new(Probe);

    public TmpfsFactAttribute()
    {
        if (Refusal.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Null when a 1 MB tmpfs can be mounted and unmounted here; else why not.</summary>
    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux to mount a tmpfs";
        }

        var folder = Directory.CreateTempSubdirectory("pacer-tmpfs-probe-").FullName;
        try
        {
            var (code, error) = Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder);
            if (code != 0)
            {
                return $"cannot mount a tmpfs here (mount exited {code}: {error.Trim()}); needs root or CAP_SYS_ADMIN";
            }

            Run("umount", folder);
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot mount a tmpfs here ({e.Message})";
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Pacer.Cli.Tests.Reliability;

namespace Pacer.Cli.Tests.Watching;

/// <summary>
/// <c>pacer demo-target --port 0</c> as a process of its own (so it can be watched by pid and moved into a cgroup, and a watcher
/// sees nothing of the test host), on 127.0.0.1, optionally held to one core; disposing kills it, by its pid, and waits for it.
/// </summary>
internal sealed partial class DemoTargetProcess : IAsyncDisposable
{
    private readonly Process process;

    private DemoTargetProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public int Pid => process.Id;

    public Uri BaseAddress { get; }

    public static Task<DemoTargetProcess> StartAsync(params string[] options) =>
        ListeningAsync(ChildPacer.Start(null, ["demo-target", "--port", "0", .. options]));

    /// <summary>
    /// Started through <c>taskset -c 0</c>, which execs it (so the pid is the target's, and every thread it makes inherits the
    /// one core): a target that can be driven past its CPU on a machine with more cores.
    /// </summary>
    public static Task<DemoTargetProcess> StartOnOneCoreAsync(params string[] options)
    {
        var start = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-c", "0", "dotnet", Path.Combine(AppContext.BaseDirectory, "pacer.dll"), "demo-target", "--port", "0", .. options])
        {
            start.ArgumentList.Add(arg);
        }

        return ListeningAsync(Process.Start(start)!);
    }

    private static async Task<DemoTargetProcess> ListeningAsync(Process process)
    {
        _ = process.StandardError.ReadToEndAsync();
        while (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new DemoTargetProcess(process, new Uri(match.Groups[1].Value));
            }
        }

        process.Dispose();
        throw new InvalidOperationException("the demo target ended before it listened");
    }

    /// <summary>The process's CPU time so far, in clock ticks (utime + stime of /proc/PID/stat, read here independently of Pacer).</summary>
    public long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>USER_HZ, as getconf reports it.</summary>
    public static async Task<double> ClockTicksPerSecondAsync()
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = await getconf.StandardOutput.ReadToEndAsync();
        await getconf.WaitForExitAsync();
        return double.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex Listening();
}

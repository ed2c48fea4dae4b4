using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pacer.Cli.Tests.Watching;

/// <summary>
/// The demo target as a process of its own (<c>pacer demo-target --port 0</c>), so a watcher sees it and nothing of the test
/// host; optionally held to one core with <c>taskset</c> (which execs it, so the pid is the target's). Stopped by its pid when
/// disposed.
/// </summary>
internal sealed partial class ChildDemoTarget : IAsyncDisposable
{
    private readonly Process process;

    private ChildDemoTarget(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public int Pid => process.Id;

    public Uri BaseAddress { get; }

    /// <summary>Starts it with <paramref name="flags"/> and waits (at most 60 s) for the line that says where it listens.</summary>
    public static async Task<ChildDemoTarget> StartAsync(bool oneCore, params string[] flags)
    {
        var start = new ProcessStartInfo(oneCore ? "taskset" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (oneCore)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("0");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pacer.dll"));
        foreach (var arg in (string[])["demo-target", "--port", "0", .. flags])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (Listening().Match(line) is { Success: true } match)
                {
                    // Keep draining its output so a full pipe never blocks it.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new ChildDemoTarget(process, new Uri(match.Groups[1].Value));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Falls through to the error below, after the child is stopped.
        }

        process.Kill();
        var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        process.Dispose();
        throw new InvalidOperationException($"the demo target did not say where it listens: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"^demo target listening on (\S+)")]
    private static partial Regex Listening();
}

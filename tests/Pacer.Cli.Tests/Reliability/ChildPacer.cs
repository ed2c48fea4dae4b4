using System.Diagnostics;
using System.Globalization;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// Runs the real <c>pacer</c> as a child process under a hard GC heap limit (<c>DOTNET_GCHeapHardLimit</c>): a memory ceiling a test
/// can hold a command to, which in-process runs cannot (the test host shares the heap). Past the ceiling the child runs out of
/// memory and exits 1.
/// </summary>
internal static class ChildPacer
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(int heapMegabytes, params string[] args)
    {
        var heap = ((long)heapMegabytes * 1024 * 1024).ToString("x", CultureInfo.InvariantCulture);
        using var process = Start(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = heap }, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the real <c>pacer</c> with <paramref name="args"/> (and extra environment), its output redirected.</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pacer.dll"));
        args.ToList().ForEach(start.ArgumentList.Add);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}

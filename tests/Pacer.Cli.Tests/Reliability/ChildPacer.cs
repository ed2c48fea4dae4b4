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
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pacer.dll"));
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["DOTNET_GCHeapHardLimit"] = ((long)heapMegabytes * 1024 * 1024).ToString("x", CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

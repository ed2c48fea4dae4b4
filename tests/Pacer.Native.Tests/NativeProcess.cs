using System.Diagnostics;

namespace Pacer.Native.Tests;

/// <summary>Runs a process to its end (or kills it, by its own PID, at a deadline) and keeps what it wrote.</summary>
internal static class NativeProcess
{
    public static NativeResult Run(string file, IReadOnlyList<string> arguments, string folder, TimeSpan timeout)
    {
        using var process = Start(file, arguments, folder);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran longer than {timeout}:\n{stdout.Result}\n{stderr.Result}");
        }

        process.WaitForExit();
        return new NativeResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string file, IReadOnlyList<string> arguments, string folder)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
    }
}

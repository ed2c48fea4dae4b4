using System.Diagnostics;
using System.Globalization;

namespace Pacer.Watchers.Dotnet.Tests;

/// <summary>A process the test starts itself, ended by its own pid when the test is done.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private ChildProcess(Process process, Uri? baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    public Process Process { get; }

    public int Id => Process.Id;

    /// <summary>Where the demo target listens; null for other processes.</summary>
    public Uri? BaseAddress { get; }

    /// <summary>
    /// Starts the real <c>pacer demo-target --port 0</c> (a .NET 10 process of its own) and waits, bounded, for the line that
    /// says where it listens.
    /// </summary>
    /// <param name="shellWrapper">A shell command line with <c>{0}</c> for the target's, to start it through <c>sh -c</c>.</param>
    /// <param name="environment">Variables to set in the target's environment.</param>
    public static async Task<ChildProcess> StartDemoTargetAsync(string? shellWrapper = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var pacer = Path.Combine(AppContext.BaseDirectory, "pacer.dll");
        var start = shellWrapper is null
            ? new ProcessStartInfo("dotnet") { ArgumentList = { pacer, "demo-target", "--host", "127.0.0.1", "--port", "0" } }
            : new ProcessStartInfo("sh") { ArgumentList = { "-c", string.Format(CultureInfo.InvariantCulture, shellWrapper, $"dotnet '{pacer}' demo-target --host 127.0.0.1 --port 0") } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                const string Marker = "listening on ";
                var at = line.IndexOf(Marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var address = line[(at + Marker.Length)..].Split(' ')[0];
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new ChildProcess(process, new Uri(address));
                }
            }

            throw new InvalidOperationException($"the demo target ended before listening: {await process.StandardError.ReadToEndAsync(deadline.Token)}");
        }
        catch
        {
            await new ChildProcess(process, null).DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="args"/>.</summary>
    public static ChildProcess Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        return new ChildProcess(Process.Start(start)!, null);
    }

    /// <summary>Sends <paramref name="signal"/> (STOP, CONT) to this process alone.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Ends the process (and the children it started, found from its own pid), bounded.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill: nothing left to end.
        }
        finally
        {
            Process.Dispose();
        }
    }
}

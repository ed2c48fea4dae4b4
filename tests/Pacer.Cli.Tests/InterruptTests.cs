using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

public sealed class InterruptTests
{
    [SigIntFact]
    public async Task Run_SigInt_WritesPartialResultMarkedAbortedAndExits130()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("interrupted.json");
        var pacer = Path.Combine(AppContext.BaseDirectory, "pacer.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { pacer, "run", "--url", target.BaseAddress + "health", "--rate", "100", "--duration", "60s", "--out", output })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();

        // The first progress line (on standard error) means load is flowing: then interrupt, as Ctrl-C would.
        var line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(line);
        Assert.Contains("p50 ", line, StringComparison.Ordinal);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, process.ExitCode);
        var result = CliRunner.ReadResult(output);
        Assert.True(result.GetProperty("aborted").GetBoolean());
        Assert.Equal("interrupted by the user", result.GetProperty("abort_reason").GetString());
        Assert.True(result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 0);
        Assert.Contains("aborted: interrupted by the user", await stdout, StringComparison.Ordinal);
    }

    /// <summary>SIGHUP (a closed terminal, a dropped ssh session) is handled as SIGTERM is: the partial result, aborted, exit 130.</summary>
    [Fact]
    public async Task Run_SigHup_WritesPartialResultMarkedAbortedAndExits130()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("hangup.json");
        using var process = StartPacer("run", "--url", target.BaseAddress + "health", "--rate", "100", "--duration", "60s", "--out", output);
        var stdout = process.StandardOutput.ReadToEndAsync();
        await WaitForLineAsync(process, "p50 ");

        await SignalAsync(process, "HUP");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, process.ExitCode);
        var result = CliRunner.ReadResult(output);
        Assert.True(result.GetProperty("aborted").GetBoolean());
        Assert.True(result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 0);
        Assert.Contains("aborted: interrupted by the user", await stdout, StringComparison.Ordinal);
        File.Delete(output);
    }

    /// <summary>
    /// Against a server that never answers, Ctrl-C gives requests in flight the interrupt grace (2 s), and the warning names
    /// that figure, not the plan's graceful stop (10 s) that did not apply.
    /// </summary>
    [SigIntFact]
    public async Task Run_SigIntWithRequestsInFlight_WarningNamesTheInterruptGraceActuallyGiven()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var silent = new SilentServer();
        var plan = CliRunner.TempFile("silent.yaml");
        var output = CliRunner.TempFile("silent.json");
        await File.WriteAllTextAsync(plan, $"target: http://127.0.0.1:{silent.Port}\nrequests: [{{ name: stall, path: / }}]\nload: {{ model: closed, vus: 2, duration: 60s, graceful_stop: 10s, warmup: false }}\n");
        using var process = StartPacer("run", plan, "--out", output);
        var stdout = process.StandardOutput.ReadToEndAsync();
        await WaitForLineAsync(process, "p50 ");

        await SignalAsync(process, "INT");
        var stopping = await WaitForLineAsync(process, "pacer: stopping");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("up to 2 s", stopping, StringComparison.Ordinal);
        var text = await stdout;
        Assert.Contains("the grace after the interrupt (2 s) ran out", text, StringComparison.Ordinal);
        Assert.DoesNotContain("graceful stop (10 s)", text, StringComparison.Ordinal);
        Assert.True(CliRunner.ReadResult(output).GetProperty("aborted").GetBoolean());
        File.Delete(plan);
        File.Delete(output);
    }

    /// <summary>
    /// Two Ctrl-C in quick succession (an impatient user): the second stops at once, abandoning the requests in flight instead of
    /// waiting for the grace, and the result is still written and said to be; it is not silently lost.
    /// </summary>
    [SigIntFact]
    public async Task Run_SecondSigIntAtOnce_StopsWithoutTheGraceAndStillWritesTheResult()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var silent = new SilentServer();
        var plan = CliRunner.TempFile("impatient.yaml");
        var output = CliRunner.TempFile("impatient.json");
        await File.WriteAllTextAsync(plan, $"target: http://127.0.0.1:{silent.Port}\nrequests: [{{ name: stall, path: / }}]\nload: {{ model: closed, vus: 2, duration: 60s, graceful_stop: 30s, warmup: false }}\n");
        using var process = StartPacer("run", plan, "--out", output);
        var stdout = process.StandardOutput.ReadToEndAsync();
        await WaitForLineAsync(process, "p50 ");

        await SignalAsync(process, "INT");

        // The second press goes after the first was taken: two SIGINTs sent back to back can reach the process as one (a
        // pending standard signal is not queued twice), which is the kernel's doing, not a second press.
        await WaitForLineAsync(process, "Ctrl-C again stops at once");
        await SignalAsync(process, "INT");
        var atOnce = await WaitForLineAsync(process, "stopping at once");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("writing the partial result", atOnce, StringComparison.Ordinal);
        var text = await stdout;
        Assert.Contains("result written to", text, StringComparison.Ordinal);
        Assert.Contains("a second Ctrl-C stopped the run at once", text, StringComparison.Ordinal);
        var result = CliRunner.ReadResult(output);
        Assert.True(result.GetProperty("aborted").GetBoolean());
        Assert.True(result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 0);
        File.Delete(plan);
        File.Delete(output);
    }

    private static Process StartPacer(params string[] args) => Reliability.ChildPacer.Start(null, args);

    /// <summary>Reads standard error up to the first line containing <paramref name="fragment"/>: the signal that the run got there.</summary>
    private static async Task<string> WaitForLineAsync(Process process, string fragment)
    {
        while (await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) is { } line)
        {
            if (line.Contains(fragment, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"pacer ended before printing '{fragment}'");
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill!.WaitForExitAsync();
    }

    /// <summary>Accepts connections on 127.0.0.1 and never answers: every request stays in flight until Pacer gives up on it.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> held = [];
        private readonly Task accepting;

        public SilentServer()
        {
            listener.Start();
            accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public void Dispose()
        {
            listener.Stop();
            lock (held)
            {
                held.ForEach(s => s.Dispose());
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await listener.AcceptSocketAsync();
                    lock (held)
                    {
                        held.Add(socket);
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener was stopped: the test is over.
            }
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pacer.Cli.Pipeline;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

/// <summary>
/// <c>pacer run --watch-cmd</c>: Pacer starts the service, waits until it is ready, runs the load, stops it on every path, and
/// keeps its output in RESULT.service.log. The services are real processes: the demo target started from the built CLI, and
/// small shell commands.
/// </summary>
public sealed partial class WatchCommandTests : IDisposable
{
    private readonly string result = CliRunner.TempFile("watched.json");

    private string LogPath => Path.ChangeExtension(result, ".service.log");

    public void Dispose()
    {
        File.Delete(result);
        File.Delete(LogPath);
    }

    [Fact]
    public async Task Run_WatchCmdDemoTarget_StartsItWaitsForItRunsAndStopsIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var port = FreePort();
        var command = DemoTargetCommand(port);
        var (exit, output, error) = await CliRunner.RunAsync(
            "run", "--url", $"http://127.0.0.1:{port}/health", "--rate", "20", "--duration", "2s", "--out", result, "--quiet",
            "--watch-cmd", command, "--watch-ready", $"http://127.0.0.1:{port}/health");

        Assert.True(exit == 0, error + output);
        Assert.Contains($"(GET http://127.0.0.1:{port}/health answered 200)", output, StringComparison.Ordinal);
        Assert.Contains($"service output: {LogPath}", output, StringComparison.Ordinal);
        Assert.Contains("service stopped by SIGTERM in ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists($"/proc/{PidIn(output)}"), "the service outlived the run");

        var json = CliRunner.ReadResult(result);
        Assert.True(json.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 0);
        // The started service, and its .NET runtime's counters, read by themselves because the demo target is .NET.
        var sources = json.GetProperty("target").GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["command", "dotnet"], sources.Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal(PidIn(output).ToString(CultureInfo.InvariantCulture), sources[1].GetProperty("address").GetString());
        var source = sources[0];
        Assert.Equal("command", source.GetProperty("kind").GetString());
        Assert.Equal(command, source.GetProperty("address").GetString());
        Assert.Equal(LogPath, source.GetProperty("log").GetString());
        // The service runs in Pacer's network namespace: one note says its network figures are the host's.
        Assert.StartsWith($"process {PidIn(output)} is in Pacer's own network namespace", Assert.Single(source.GetProperty("notes").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Empty(source.GetProperty("errors").EnumerateArray());
        Assert.True(source.GetProperty("samples").GetInt32() > 0);
        var cpu = json.GetProperty("target").GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "target_cpu");
        Assert.Equal("command", cpu.GetProperty("source").GetString());

        var log = await File.ReadAllLinesAsync(LogPath);
        Assert.StartsWith("==> pacer started the service at ", log[0], StringComparison.Ordinal);
        Assert.EndsWith(command, log[0], StringComparison.Ordinal);
        Assert.Contains(log, l => l.StartsWith($"demo target listening on http://127.0.0.1:{port}/", StringComparison.Ordinal));
        Assert.Contains("demo target stopped", log);
    }

    /// <summary>Without --watch-ready the service is ready once it listens on a TCP port, which Pacer reads from /proc.</summary>
    [Fact]
    public async Task Run_WatchCmdWithoutReadyUrl_ReadyWhenItListens()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var port = FreePort();
        var (exit, output, error) = await CliRunner.RunAsync(
            "run", "--url", $"http://127.0.0.1:{port}/health", "--rate", "10", "--duration", "1s", "--out", result, "--quiet", "--watch-cmd", DemoTargetCommand(port));

        Assert.True(exit == 0, error + output);
        Assert.Contains($"(listening on port {port.ToString(CultureInfo.InvariantCulture)})", output, StringComparison.Ordinal);
        Assert.True(CliRunner.ReadResult(result).GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 0);
        Assert.False(Directory.Exists($"/proc/{PidIn(output)}"));
    }

    [Fact]
    public async Task Run_WatchCmdExitsAtOnce_Exit1WithItsCodeAndOutputAndNothingSent()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var (exit, output, error) = await CliRunner.RunAsync(
            "run", "--url", target.BaseAddress + "health", "--rate", "10", "--duration", "1s", "--out", result, "--quiet",
            "--watch-cmd", "echo boom; exit 3", "--watch-ready", $"http://127.0.0.1:{FreePort()}/health");

        Assert.Equal(1, exit);
        Assert.StartsWith("pacer: the service did not start: the service exited with code 3 before it was ready; its last lines (", error, StringComparison.Ordinal);
        Assert.Contains("  | boom", error, StringComparison.Ordinal);
        Assert.False(File.Exists(result), "no load was to be sent, so no result");
        Assert.DoesNotContain("p50", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WatchCmdNotFound_SaysSo()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (exit, _, error) = await CliRunner.RunAsync(
            "run", "--url", "http://127.0.0.1:9/", "--rate", "10", "--duration", "1s", "--out", result, "--quiet", "--watch-cmd", "pacer-no-such-service --port 9");

        Assert.Equal(1, exit);
        Assert.StartsWith("pacer: the service did not start: command not found: pacer-no-such-service (the shell exited 127)", error, StringComparison.Ordinal);
    }

    /// <summary>A port already taken: the service exits early, and its own last lines say why.</summary>
    [Fact]
    public async Task Run_WatchCmdPortInUse_ItsOwnErrorIsShown()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var taken = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var port = taken.BaseAddress.Port;
        var (exit, _, error) = await CliRunner.RunAsync(
            "run", "--url", taken.BaseAddress + "health", "--rate", "10", "--duration", "1s", "--out", result, "--quiet",
            "--watch-cmd", DemoTargetCommand(port), "--watch-ready", $"http://127.0.0.1:{port}/nothing-here");

        Assert.Equal(1, exit);
        Assert.Contains("the service exited with code", error, StringComparison.Ordinal);
        Assert.Contains("address already in use", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("health", "--watch-ready 'health' is not an absolute http:// or https:// URL")]
    [InlineData("ftp://127.0.0.1/", "--watch-ready 'ftp://127.0.0.1/' is not an absolute http:// or https:// URL")]
    public async Task Run_WatchReadyNotAUrl_Exit2NamingTheFlag(string ready, string message)
    {
        var (exit, _, error) = await CliRunner.RunAsync("run", "--url", "http://127.0.0.1:9/", "--rate", "10", "--out", result, "--watch-cmd", "sleep 30", "--watch-ready", ready);

        Assert.Equal(2, exit);
        Assert.StartsWith("pacer: " + message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(LogPath), "nothing was started");
    }

    [Fact]
    public async Task Run_WatchReadyWithoutWatchCmd_Exit2()
    {
        var (exit, _, error) = await CliRunner.RunAsync("run", "--url", "http://127.0.0.1:9/", "--rate", "10", "--out", result, "--watch-ready", "http://127.0.0.1:9/health");

        Assert.Equal(2, exit);
        Assert.Contains("add watch.command or --watch-cmd", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ServiceNeverReady_Exit1AfterTheTimeoutAndTheServiceIsGone()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var dead = $"http://127.0.0.1:{FreePort()}/health";
        var (exit, output, error) = await RunAsync(new ServiceCommand("echo pid $$; exec sleep 30", dead) { ReadyTimeout = TimeSpan.FromSeconds(1) }, "http://127.0.0.1:9/");

        Assert.Equal(1, exit);
        Assert.StartsWith($"pacer: the service did not start: the service was not ready within 1 s: GET {dead} never answered 2xx (last: Connection refused", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists($"/proc/{PidIn(error)}"), "the service outlived its failed start");
        Assert.DoesNotContain("p50", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ServiceIgnoresSigterm_KilledAfterTheGraceSaidInConsoleAndResult()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var (exit, output, error) = await RunAsync(
            new ServiceCommand("trap '' TERM; echo pid $$; sleep 30", target.BaseAddress + "health") { StopGrace = TimeSpan.FromMilliseconds(500) },
            target.BaseAddress + "health");

        Assert.True(exit == 0, error + output);
        Assert.Contains("service: it was still running 0.5 s after SIGTERM: killed with SIGKILL", output, StringComparison.Ordinal);
        var source = Assert.Single(CliRunner.ReadResult(result).GetProperty("target").GetProperty("sources").EnumerateArray());
        Assert.Equal(["it was still running 0.5 s after SIGTERM: killed with SIGKILL"], source.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!));
        Assert.False(Directory.Exists($"/proc/{PidIn(output)}"));
    }

    [Fact]
    public async Task Run_Environment_ReachesTheService()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var (exit, output, error) = await RunAsync(
            new ServiceCommand("echo \"greeting=$PACER_GREETING\"; exec sleep 30", target.BaseAddress + "health") { Environment = new Dictionary<string, string> { ["PACER_GREETING"] = "hello there" } },
            target.BaseAddress + "health");

        Assert.True(exit == 0, error + output);
        Assert.Contains("greeting=hello there", await File.ReadAllLinesAsync(LogPath));
    }

    /// <summary>A service that dies during the run: its source says so (every second it was missing), and the stop says how it ended.</summary>
    [Fact]
    public async Task Run_ServiceEndsDuringTheRun_ItsSourceSaysSo()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var trigger = result + ".exit";
        var (exit, output, error) = await RunAsync(
            new ServiceCommand($"while [ ! -e '{trigger}' ]; do sleep 0.02; done; exit 5", target.BaseAddress + "health"),
            target.BaseAddress + "health",
            duration: "4s",
            started: () => File.WriteAllText(trigger, string.Empty));
        File.Delete(trigger);

        Assert.True(exit == 0, error + output);
        Assert.Contains("service: it had already ended before Pacer stopped it (exit code 5)", output, StringComparison.Ordinal);
        var errors = Assert.Single(CliRunner.ReadResult(result).GetProperty("target").GetProperty("sources").EnumerateArray()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        // The process watcher may see the exit first (between this source's check and its sample): its line may come before.
        Assert.Contains(errors, e => Regex.IsMatch(e, $@"^(\d+× )?the service ended during the run \(exit code 5\); see its log {Regex.Escape(LogPath)}$"));
        Assert.Equal("it had already ended before Pacer stopped it (exit code 5)", errors[^1]);
    }

    /// <summary>The plan's watch: section starts the service the same way, with its ready_timeout, stop_grace and env.</summary>
    [Fact]
    public async Task Run_PlanWatchCommand_StartsWithItsSettingsAndStopsIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("watched.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            target: {{target.BaseAddress}}
            requests: [{ name: health, path: /health }]
            load: { model: open, rate: 20, duration: 1s }
            watch:
              command: 'trap "" TERM; echo "greeting=$GREETING"; sleep 30'
              ready: {{target.BaseAddress}}health
              ready_timeout: 10s
              stop_grace: 300ms
              env: { GREETING: hello from the plan }
            """);

        var (exit, output, error) = await CliRunner.RunAsync("run", plan, "--out", result, "--quiet");
        File.Delete(plan);

        Assert.True(exit == 0, error + output);
        Assert.Contains("service: it was still running 0.3 s after SIGTERM: killed with SIGKILL", output, StringComparison.Ordinal);
        Assert.Contains("greeting=hello from the plan", await File.ReadAllLinesAsync(LogPath));
        Assert.False(Directory.Exists($"/proc/{PidIn(output)}"));
        var source = Assert.Single(CliRunner.ReadResult(result).GetProperty("target").GetProperty("sources").EnumerateArray());
        Assert.Equal("command", source.GetProperty("kind").GetString());
        Assert.Equal(LogPath, source.GetProperty("log").GetString());
    }

    /// <summary>--watch-cmd and --watch-ready replace the plan's command and ready URL; its other settings stay.</summary>
    [Fact]
    public async Task Run_WatchFlagsOverThePlan_TheFlagsWin()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("overridden.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            target: {{target.BaseAddress}}
            requests: [{ name: health, path: /health }]
            load: { model: open, rate: 20, duration: 1s }
            watch:
              command: pacer-no-such-service
              ready: http://127.0.0.1:9/never
              env: { GREETING: kept from the plan }
            """);

        var (exit, output, error) = await CliRunner.RunAsync(
            "run", plan, "--out", result, "--quiet", "--watch-cmd", "echo \"greeting=$GREETING\"; exec sleep 30", "--watch-ready", target.BaseAddress + "health");
        File.Delete(plan);

        Assert.True(exit == 0, error + output);
        Assert.Contains("greeting=kept from the plan", await File.ReadAllLinesAsync(LogPath));
    }

    /// <summary>Ctrl-C during the run: the partial result is written (exit 130) and the service is stopped all the same.</summary>
    [SigIntFact]
    public async Task Run_SigIntDuringTheRun_StopsTheServiceAndExits130()
    {
        var port = FreePort();
        using var process = Reliability.ChildPacer.Start(
            null,
            "run", "--url", $"http://127.0.0.1:{port}/health", "--rate", "50", "--duration", "60s", "--out", result,
            "--watch-cmd", DemoTargetCommand(port), "--watch-ready", $"http://127.0.0.1:{port}/health");
        var stdout = process.StandardOutput.ReadToEndAsync();
        while (await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line && !line.Contains("p50 ", StringComparison.Ordinal))
        {
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var output = await stdout;

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("service stopped by SIGTERM in ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists($"/proc/{PidIn(output)}"), "the service outlived the interrupted run");
        var json = CliRunner.ReadResult(result);
        Assert.True(json.GetProperty("aborted").GetBoolean());
        Assert.Equal(LogPath, json.GetProperty("target").GetProperty("sources")[0].GetProperty("log").GetString());
        Assert.Contains("demo target stopped", await File.ReadAllLinesAsync(LogPath));
    }

    /// <summary>Runs the pipeline itself, for settings a flag does not reach (the plan's ready_timeout, stop_grace, env).</summary>
    private async Task<(int Exit, string Output, string Error)> RunAsync(ServiceCommand service, string url, string duration = "1s", Action? started = null)
    {
        var plan = AdHocPlan.Build(new AdHocPlanOptions(url, "GET", [], null, 10, null, duration, null, null));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new RunSettings(result, ShowProgress: false)
        {
            Service = service,
            ConfigureEngine = started is null ? null : options => options with { Observers = [.. options.Observers, new StartedSignal(started)] },
        };
        var exit = await RunPipeline.ExecuteAsync(plan, settings, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The command that serves the demo target from the built CLI on <paramref name="port"/>.</summary>
    private static string DemoTargetCommand(int port) =>
        $"dotnet '{Path.Combine(AppContext.BaseDirectory, "pacer.dll")}' demo-target --port {port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A port the OS just handed out and that was closed again, for a service to listen on.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The service's pid, from Pacer's "pid N" or the service's own "pid N" line.</summary>
    private static int PidIn(string text) => int.Parse(PidPattern().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bpid (\d+)")]
    private static partial Regex PidPattern();

    /// <summary>Calls back once, at the run's first second (the watchers have taken their baselines by then).</summary>
    private sealed class StartedSignal(Action started) : Pacer.Core.Engine.IRunObserver
    {
        private int ticks;

        public ValueTask OnStartedAsync(Pacer.Core.Engine.RunStarted run, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask OnTickAsync(Pacer.Core.Engine.RunTick tick, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref ticks) == 1)
            {
                started();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OnCompletedAsync(Pacer.Core.Results.RunResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

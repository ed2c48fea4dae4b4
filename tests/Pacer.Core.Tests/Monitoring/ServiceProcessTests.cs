using System.Globalization;
using System.Text.RegularExpressions;
using Pacer.Core.Monitoring;
using Pacer.Core.Platform.Linux;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Monitoring;

/// <summary>
/// The service Pacer starts (--watch-cmd): started in a group of its own with its output in a log, ready when its URL answers,
/// stopped with SIGTERM then SIGKILL — on every path, leaving nothing running. Real processes (sh, sleep), bounded waits.
/// </summary>
public sealed partial class ServiceProcessTests : IDisposable
{
    private readonly string log = Path.Combine(Path.GetTempPath(), $"pacer-test-{Guid.NewGuid():N}.service.log");

    public void Dispose() => File.Delete(log);

    [Fact]
    public async Task Start_ReadyUrlAnswers_RunsInItsOwnGroupWithOutputInTheLogAndStopsOnSigterm()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        var service = await ServiceProcess.StartAsync(Options("echo started; exec sleep 30") with { ReadyUrl = health.BaseAddress });

        Assert.Contains("answered 200", service.ReadyBy, StringComparison.Ordinal);
        Assert.Equal((service.Pid, service.Pid), ProcessGroup.Ids(service.Pid));
        Assert.Equal(new TargetSource("command", "echo started; exec sleep 30"), service.Source);
        await WaitForLogAsync("started");

        var report = await service.StopAsync();

        Assert.True(report.Clean, report.ToString());
        Assert.Equal(ProcessSignals.SIGTERM, report.Signal);
        Assert.False(ProcessSignals.GroupExists(service.Pid));
        Assert.StartsWith("stopped by SIGTERM in ", report.ToString(), StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(log);
        Assert.Matches(@"^==> pacer started the service at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z: echo started; exec sleep 30$", lines[0]);
        Assert.Equal("started", lines[1]);
        Assert.Same(service.StopAsync(), service.StopAsync());
    }

    /// <summary>A single command is exec'ed by the shell: the pid Pacer watches is the service itself, not a shell around it.</summary>
    [Fact]
    public async Task Start_SimpleCommand_PidIsTheServiceItself()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        await using var service = await ServiceProcess.StartAsync(Options("sleep 30") with { ReadyUrl = health.BaseAddress });

        // The ready URL here is the test's own server, which may answer before setsid and the shell have exec'ed the command.
        await WaitUntilAsync(() => File.ReadAllText($"/proc/{service.Pid}/comm").Trim() == "sleep");
        Assert.Equal((service.Pid, service.Pid), ProcessGroup.Ids(service.Pid));
    }

    [Fact]
    public async Task Start_CommandExitsAtOnce_FailsWithItsCodeAndLastLines()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var e = await Assert.ThrowsAsync<ServiceStartException>(() => ServiceProcess.StartAsync(Options("echo boom; exit 3") with { ReadyUrl = DeadPort.Url() }));

        Assert.Equal(3, e.ExitCode);
        Assert.StartsWith("the service exited with code 3 before it was ready; its last lines (", e.Message, StringComparison.Ordinal);
        Assert.Contains("  | boom", e.Message, StringComparison.Ordinal);
        Assert.Equal(["boom"], e.LogTail);
        Assert.Equal(log, e.LogPath);
    }

    [Fact]
    public async Task Start_NoSuchCommand_SaysCommandNotFound()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var e = await Assert.ThrowsAsync<ServiceStartException>(() => ServiceProcess.StartAsync(Options("pacer-no-such-service --port 1")));

        Assert.Equal(127, e.ExitCode);
        Assert.StartsWith("command not found: pacer-no-such-service (the shell exited 127)", e.Message, StringComparison.Ordinal);
        Assert.Contains("not found", string.Join('\n', e.LogTail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NeverReady_FailsAfterTheTimeoutWithTheLastErrorAndLeavesNothingRunning()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var dead = DeadPort.Url();
        var e = await Assert.ThrowsAsync<ServiceStartException>(() => ServiceProcess.StartAsync(
            Options("echo pid $$; exec sleep 30") with { ReadyUrl = dead, ReadyTimeout = TimeSpan.FromSeconds(1) }));

        Assert.Null(e.ExitCode);
        Assert.StartsWith($"the service was not ready within 1 s: GET {dead} never answered 2xx (last: Connection refused", e.Message, StringComparison.Ordinal);
        Assert.False(ProcessSignals.GroupExists(PidIn(e.LogTail)));
    }

    [Fact]
    public async Task Start_ReadyUrlAnswers503_TheTimeoutNamesTheStatus()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var unavailable = await TestHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var e = await Assert.ThrowsAsync<ServiceStartException>(() => ServiceProcess.StartAsync(
            Options("sleep 30") with { ReadyUrl = unavailable.BaseAddress, ReadyTimeout = TimeSpan.FromSeconds(3) }));

        Assert.Contains("never answered 2xx (last: HTTP 503 Service Unavailable); it wrote nothing", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Without a ready URL, listening is the signal; a service that never listens fails at the timeout and says what to give instead.</summary>
    [Fact]
    public async Task Start_NoReadyUrlAndNeverListens_FailsNamingTheReadyUrlOption()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var e = await Assert.ThrowsAsync<ServiceStartException>(() => ServiceProcess.StartAsync(Options("sleep 30") with { ReadyTimeout = TimeSpan.FromMilliseconds(300) }));

        Assert.StartsWith("the service was not ready within 0.3 s: none of its processes listened on a TCP port (give a ready URL, --watch-ready", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_ServiceIgnoresSigterm_KilledAfterTheGraceAndSaysSo()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        var service = await ServiceProcess.StartAsync(Options("trap '' TERM; echo trapped; sleep 30") with { ReadyUrl = health.BaseAddress, StopGrace = TimeSpan.FromMilliseconds(300) });
        await WaitForLogAsync("trapped");

        var report = await service.StopAsync();

        Assert.True(report.Killed);
        Assert.Equal(ProcessSignals.SIGKILL, report.Signal);
        Assert.True(report.Took >= TimeSpan.FromMilliseconds(300), report.Took.ToString());
        Assert.Equal("it was still running 0.3 s after SIGTERM: killed with SIGKILL", report.ToString());
        Assert.False(ProcessSignals.GroupExists(service.Pid));
    }

    /// <summary>Stopping reaches the service's children (here two background sleeps of the shell): the whole group goes.</summary>
    [Fact]
    public async Task Stop_ServiceWithChildren_StopsThemAll()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        var service = await ServiceProcess.StartAsync(Options("sleep 30 & sleep 30 & echo forked; wait") with { ReadyUrl = health.BaseAddress });
        await WaitForLogAsync("forked");
        var members = ProcessGroup.Members(service.Pid);
        Assert.Equal(3, members.Count);

        var report = await service.StopAsync();

        Assert.False(report.Killed, report.ToString());
        Assert.All(members, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"pid {pid} survived"));
    }

    /// <summary>Kill is for a Pacer about to exit: the whole group at once, even a service that ignores SIGTERM.</summary>
    [Fact]
    public async Task Kill_KillsTheGroupAtOnce()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        await using var service = await ServiceProcess.StartAsync(Options("trap '' TERM; sleep 30 & echo forked; wait") with { ReadyUrl = health.BaseAddress });
        await WaitForLogAsync("forked");

        service.Kill();

        await WaitUntilAsync(() => !ProcessSignals.GroupExists(service.Pid));
        var report = await service.StopAsync();
        Assert.True(report.ExitedBeforeStop);
        Assert.Equal(ProcessSignals.SIGKILL, report.Signal);
        service.Kill();
    }

    [Fact]
    public async Task Start_Environment_ReachesTheService()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        await using var service = await ServiceProcess.StartAsync(Options("echo \"greeting=$PACER_TEST_GREETING\"; exec sleep 30") with
        {
            ReadyUrl = health.BaseAddress,
            Environment = new Dictionary<string, string> { ["PACER_TEST_GREETING"] = "hello there" },
        });

        await WaitForLogAsync("greeting=hello there");
    }

    /// <summary>A service that ends during the run is reported as such when it is stopped: a crash is not a clean stop.</summary>
    [Fact]
    public async Task Stop_ServiceEndedBeforeTheStop_ReportsItsExit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        var trigger = log + ".exit";
        var service = await ServiceProcess.StartAsync(Options($"while [ ! -e '{trigger}' ]; do sleep 0.02; done; exit 4") with { ReadyUrl = health.BaseAddress });
        await File.WriteAllTextAsync(trigger, string.Empty);
        await WaitUntilAsync(() => service.HasExited);
        File.Delete(trigger);

        var report = await service.StopAsync();

        Assert.True(report.ExitedBeforeStop);
        Assert.False(report.Clean);
        Assert.Equal("it had already ended before Pacer stopped it (exit code 4)", report.ToString());
    }

    [Fact]
    public async Task Start_Cancelled_StopsTheServiceAndThrowsCancelled()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var cancel = new CancellationTokenSource();
        var starting = ServiceProcess.StartAsync(Options("echo pid $$; exec sleep 30") with { ReadyUrl = DeadPort.Url() }, cancellationToken: cancel.Token);
        await WaitForLogAsync("pid ");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting);
        Assert.False(ProcessSignals.GroupExists(PidIn(await File.ReadAllLinesAsync(log))));
    }

    /// <summary>
    /// A start cancelled before setsid has made the new process a session of its own (how <c>pacer tune</c>'s Ctrl-C or SIGHUP
    /// met a trial's service as it started): the process then has no group to signal yet, and the stop must still reach it —
    /// before, it was left to start the service after Pacer had gone.
    /// </summary>
    [Fact]
    public async Task Start_CancelledBeforeItIsASessionOfItsOwn_LeavesNothingRunning()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            using var cancel = new CancellationTokenSource();
            await cancel.CancelAsync();
            var mark = MarkedProcesses.NewMark();
            var options = Options("exec sleep 30") with { Environment = new Dictionary<string, string> { [MarkedProcesses.Variable] = mark } };

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ServiceProcess.StartAsync(options, cancellationToken: cancel.Token));

            // The stop returns once nothing of the service is left, so whatever carries the mark now outlived it (before the
            // fix, setsid or the sleep it went on to start, in 1 to 3 attempts of 8).
            var survivors = MarkedProcesses.KillAll(mark);
            Assert.True(survivors.Count == 0, $"attempt {attempt + 1}: outlived its cancelled start: {string.Join("; ", survivors)}");
        }
    }

    [Fact]
    public async Task Start_LogIsAppendedWithAHeaderPerStart()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        foreach (var word in new[] { "first", "second" })
        {
            await using var service = await ServiceProcess.StartAsync(Options($"echo {word}; exec sleep 30") with { ReadyUrl = health.BaseAddress });
            await WaitForLogAsync(word);
            Assert.Equal([word], service.LogTail());
        }

        var lines = await File.ReadAllLinesAsync(log);
        Assert.Equal(4, lines.Length);
        Assert.Equal(2, lines.Count(l => l.StartsWith("==> pacer started the service at ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("./server --port 8080", true)]
    [InlineData("dotnet bin/app.dll --urls 'http://127.0.0.1:5000'", true)]
    [InlineData("server > out.txt", true)]
    [InlineData("cd api && ./server", false)]
    [InlineData("echo boom; exit 3", false)]
    [InlineData("server | tee x", false)]
    [InlineData("PORT=8080 ./server", false)]
    [InlineData("  A_1=x server", false)]
    [InlineData("if true; then server; fi", false)]
    [InlineData("server --url 'http://h/?a=1&b=2'", false)]
    public void Execable_OnlyASingleSimpleCommand(string command, bool execable) => Assert.Equal(execable, ServiceProcess.Execable(command));

    [Theory]
    [InlineData("", null, "the service command is empty")]
    [InlineData("sleep 1", "ftp://x/", "the ready URL 'ftp://x/' is not an absolute http:// or https:// URL")]
    [InlineData("sleep 1", "health", "the ready URL 'health' is not an absolute")]
    public void Validate_NamesTheSetting(string command, string? ready, string message)
    {
        var options = new ServiceStartOptions(command, "x.log") { ReadyUrl = ready is null ? null : new Uri(ready, UriKind.RelativeOrAbsolute) };

        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroReadyTimeoutAndBadEnvironmentName_Refused()
    {
        Assert.Throws<ArgumentException>(new ServiceStartOptions("x", "x.log") { ReadyTimeout = TimeSpan.Zero }.Validate);
        Assert.Throws<ArgumentException>(new ServiceStartOptions("x", "x.log") { Environment = new Dictionary<string, string> { ["A=B"] = "c" } }.Validate);
    }

    [Fact]
    public void ServiceLogTail_KeepsTheLastTwentyLinesAfterTheStart()
    {
        var start = ServiceLog.WriteHeader(log, "cmd", DateTimeOffset.UnixEpoch);
        File.AppendAllText(log, string.Concat(Enumerable.Range(1, 30).Select(i => $"line {i}\r\n")));

        var tail = ServiceLog.Tail(log, start);

        Assert.Equal(Enumerable.Range(11, 20).Select(i => $"line {i}"), tail);
        Assert.Equal("==> pacer started the service at 1970-01-01T00:00:00.000Z: cmd", File.ReadLines(log).First());
    }

    private ServiceStartOptions Options(string command) => new(command, log) { StopGrace = TimeSpan.FromSeconds(5), ReadyTimeout = TimeSpan.FromSeconds(20) };

    private static int PidIn(IEnumerable<string> lines) =>
        int.Parse(lines.Select(l => PidLine().Match(l)).First(m => m.Success).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Waits for the service to write a line holding <paramref name="text"/> (the headers, which name the command, do not count).</summary>
    private async Task WaitForLogAsync(string text) =>
        await WaitUntilAsync(() => File.Exists(log) && File.ReadLines(log).Any(l => !l.StartsWith("==> pacer", StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal)));

    /// <summary>Polls a condition with a bounded deadline: the service writes or exits when it does, not at a known time.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    [GeneratedRegex(@"^pid (\d+)$")]
    private static partial Regex PidLine();
}

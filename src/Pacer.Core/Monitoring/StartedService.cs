using System.Diagnostics;
using Pacer.Core.Platform.Linux;

namespace Pacer.Core.Monitoring;

/// <summary>
/// A service Pacer started (<see cref="ServiceProcess.StartAsync"/>), running in its own session and process group. Stopping it
/// (<see cref="StopAsync"/>, or disposing it) sends SIGTERM to the whole group, waits the grace, then SIGKILLs what is left:
/// its children go with it, and nothing else is touched. If Pacer exits without stopping it, a last-chance handler kills the
/// group, so a service never outlives the run that started it.
/// </summary>
public sealed class StartedService : IAsyncDisposable
{
    /// <summary>After SIGKILL, how long to wait for the group to vanish before reporting anyway (a process stuck in the kernel).</summary>
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan StopPoll = TimeSpan.FromMilliseconds(20);

    private readonly Process process;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private Task<ServiceStopReport>? stopping;

    internal StartedService(Process process, ServiceStartOptions options, TimeProvider time, long logStart)
    {
        this.process = process;
        this.time = time;
        Options = options;
        LogStart = logStart;
        Pid = process.Id;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The service's pid, which is also its process group's and session's id (the shell <c>exec</c>s a single command, so this is the service itself).</summary>
    public int Pid { get; }

    /// <summary>The command line it was started with.</summary>
    public string Command => Options.Command;

    /// <summary>The log file its output goes to.</summary>
    public string LogPath => Options.LogPath;

    /// <summary>As the result names it: kind <c>command</c>, address the command line.</summary>
    public TargetSource Source => new("command", Options.Command);

    /// <summary>How it was started.</summary>
    public ServiceStartOptions Options { get; }

    /// <summary>What told Pacer it was ready: <c>GET http://…/health answered 200</c>, <c>listening on port 8080</c>.</summary>
    public string ReadyBy { get; internal set; } = string.Empty;

    /// <summary>From the start until it was ready.</summary>
    public TimeSpan ReadyAfter { get; internal set; }

    /// <summary>Whether the service process has ended (by itself or stopped).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Where this start's output begins in the log.</summary>
    internal long LogStart { get; }

    /// <summary>Its last lines of output since it was started, oldest first (at most 20).</summary>
    public IReadOnlyList<string> LogTail() => ServiceLog.Tail(LogPath, LogStart);

    /// <summary>
    /// Stops it: SIGTERM to its process group, SIGKILL to what is left after <see cref="ServiceStartOptions.StopGrace"/>.
    /// Calling it again returns the same stop.
    /// </summary>
    /// <returns>How it ended.</returns>
    public Task<ServiceStopReport> StopAsync()
    {
        lock (gate)
        {
            return stopping ??= StopCoreAsync();
        }
    }

    /// <summary>Stops it if that has not been done (<see cref="StopAsync"/>).</summary>
    /// <returns>A task that completes when no process of the service is left.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>The exit status as .NET reports it (128 + the signal for a signal) taken apart.</summary>
    internal (int? Code, int? Signal) Status()
    {
        if (!process.HasExited)
        {
            return (null, null);
        }

        var code = process.ExitCode;
        return code is > 128 and < 128 + 65 ? (null, code - 128) : (code, null);
    }

    private async Task<ServiceStopReport> StopCoreAsync()
    {
        var started = time.GetTimestamp();
        var exitedBefore = process.HasExited;
        var killed = false;
        try
        {
            if (Signal(ProcessSignals.SIGTERM) && !await GoneWithinAsync(Options.StopGrace).ConfigureAwait(false))
            {
                killed = Signal(ProcessSignals.SIGKILL);
                await GoneWithinAsync(KillWait).ConfigureAwait(false);
            }

            // The leader is reaped by .NET; its status is read once it has been.
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(KillWait, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still there after SIGKILL and the wait: stuck in the kernel (uninterruptible I/O). It cannot run any more code;
            // the report says what is known (no status) rather than hold the run's end hostage.
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }

        var (code, signal) = Status();
        var report = new ServiceStopReport(code, signal, killed, exitedBefore, Options.StopGrace, time.GetElapsedTime(started));
        process.Dispose();
        return report;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the service's group, or, while it has none yet, to the process alone: a stop that
    /// comes before setsid has made the process a session of its own (a start cancelled at once) finds no group, and the
    /// process is then setsid itself, with no child, so signalling it ends it before it runs anything. Without this it would
    /// go on to start the service after the stop had returned. False when nothing is left to signal.
    /// </summary>
    private bool Signal(int signal) =>
        ProcessSignals.SignalGroup(Pid, signal)

        // HasExited turns true once .NET has reaped it; until then the pid is held and cannot have been reused.
        || (!process.HasExited && ProcessSignals.SignalProcess(Pid, signal));

    /// <summary>Whether no process of the service is left within <paramref name="limit"/>; polled, as a group has no exit event.</summary>
    private async Task<bool> GoneWithinAsync(TimeSpan limit)
    {
        var started = time.GetTimestamp();
        while (ProcessSignals.GroupExists(Pid) || !process.HasExited)
        {
            var left = limit - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(left < StopPoll ? left : StopPoll, time).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Kills its whole process group with SIGKILL at once, without a grace or a wait: for a Pacer about to exit without a
    /// stop (a third Ctrl-C), so the service does not outlive it. Does nothing once the service has been stopped.
    /// </summary>
    public void Kill()
    {
        lock (gate)
        {
            if (stopping is { IsCompleted: true })
            {
                return;
            }
        }

        try
        {
            Signal(ProcessSignals.SIGKILL);
        }
        catch (InvalidOperationException)
        {
            // Nothing more can be done while Pacer exits; the group is most likely gone already.
        }
    }

    // Pacer is exiting without having stopped the service (Environment.Exit, SIGTERM with no handler of Pacer's): no time for
    // a grace, but the service must not outlive the run that started it. A SIGINT that is not cancelled ends the process
    // without this event, which is why the CLI calls Kill itself on a third Ctrl-C.
    private void OnProcessExit(object? sender, EventArgs e) => Kill();
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pacer.Core.Monitoring;

/// <summary>
/// Starts the service under test (<c>--watch-cmd</c>, <c>watch.command</c>) and waits until it is ready: the run's load then
/// meets a service that answers, and the service's own output is kept in a log file. Also what <c>pacer tune</c> uses to
/// restart a service with new settings.
/// </summary>
public static partial class ServiceProcess
{
    private static readonly string[] SetsidPlaces = ["/usr/bin/setsid", "/bin/setsid", "/usr/sbin/setsid", "/sbin/setsid"];

    /// <summary>How long <c>setsid</c> may take to make the new process a session of its own (it runs before the shell).</summary>
    private static readonly TimeSpan SessionWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Starts the service: <c>setsid /bin/sh -c 'exec COMMAND'</c> in a session and process group of its own, with standard
    /// input from /dev/null and standard output and error appended to <see cref="ServiceStartOptions.LogPath"/> after a header
    /// line; then waits until it is ready (<see cref="ServiceStartOptions.ReadyUrl"/> answers 2xx, or without one, it listens
    /// on a TCP port). A command line with shell operators (<c>&amp;&amp;</c>, <c>;</c>, <c>|</c>, a leading <c>VAR=value</c>)
    /// runs under the shell instead of being <c>exec</c>ed, and the shell is then the watched process.
    /// </summary>
    /// <param name="options">What to start and how; validated here.</param>
    /// <param name="time">The clock for the ready timeout, the polls and the stop grace; the system's when null.</param>
    /// <param name="cancellationToken">Stops waiting (and the service) when cancelled.</param>
    /// <returns>The running, ready service; dispose it (or call <see cref="StartedService.StopAsync"/>) to stop it.</returns>
    /// <exception cref="ServiceStartException">It could not start, ended before it was ready, or was not ready in time; it has been stopped.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the service has been stopped.</exception>
    public static async Task<StartedService> StartAsync(ServiceStartOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        time ??= TimeProvider.System;
        if (!OperatingSystem.IsLinux())
        {
            throw new ServiceStartException("starting the service (--watch-cmd, watch.command) needs Linux: Pacer stops it through its process group and reads its state from /proc; start it yourself and watch it with --watch-pid");
        }

        var setsid = SetsidPlaces.FirstOrDefault(File.Exists)
            ?? throw new ServiceStartException("setsid was not found (it comes with util-linux): Pacer needs it to start the service in a process group of its own, so that stopping it reaches its children; install util-linux");

        var startedUtc = time.GetUtcNow();
        long logStart;
        try
        {
            logStart = ServiceLog.WriteHeader(options.LogPath, options.Command, startedUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceStartException($"cannot write the service log {options.LogPath}: {e.Message}", e);
        }

        var start = new ProcessStartInfo(setsid) { UseShellExecute = false, WorkingDirectory = options.WorkingDirectory ?? string.Empty };
        start.ArgumentList.Add("/bin/sh");
        start.ArgumentList.Add("-c");

        // The log is the script's first argument, so its name needs no quoting; the redirections come first, so not even the
        // shell's own complaint (command not found) reaches Pacer's console.
        start.ArgumentList.Add($"exec </dev/null >>\"$1\" 2>&1; shift; {(Execable(options.Command) ? "exec " : string.Empty)}{options.Command}");
        start.ArgumentList.Add("pacer-service");
        start.ArgumentList.Add(options.LogPath);
        foreach (var (name, value) in options.Environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ServiceStartException($"could not start {setsid}");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ServiceStartException($"could not start the service ({options.Command}): {e.Message}", e);
        }

        var service = new StartedService(process, options, time, logStart);
        try
        {
            await WaitForOwnSessionAsync(service, process, time, cancellationToken).ConfigureAwait(false);
            var ready = await ServiceReadiness.WaitAsync(service, process, time, cancellationToken).ConfigureAwait(false);
            service.ReadyBy = ready;
            service.ReadyAfter = time.GetUtcNow() - startedUtc;
            return service;
        }
        catch
        {
            // Never leave a service running that failed to start, or whose start was abandoned.
            await service.StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Whether the command line is one simple command the shell can <c>exec</c> (so the pid is the service's own): no operators,
    /// no compound commands, no leading assignment (<c>exec A=1 cmd</c> would try to run "A=1").
    /// </summary>
    internal static bool Execable(string command) => !ShellSyntax().IsMatch(command);

    /// <summary>What a user should read for an exit before readiness: 127 and 126 are the shell's own.</summary>
    internal static string ExitReason(int? code, int? signal, string command) => (code, signal) switch
    {
        (127, _) => $"command not found: {FirstWord(command)} (the shell exited 127)",
        (126, _) => $"not executable: {FirstWord(command)} (the shell exited 126)",
        ({ } exit, _) => $"the service exited with code {exit.ToString(CultureInfo.InvariantCulture)} before it was ready",
        (_, { } killed) => $"the service was ended by signal {killed.ToString(CultureInfo.InvariantCulture)} ({ServiceStopReport.SignalName(killed)}) before it was ready",
        _ => "the service ended before it was ready",
    };

    /// <summary>The message with the log's last lines appended, as every start error ends.</summary>
    internal static string WithLog(string reason, StartedService service)
    {
        var tail = service.LogTail();
        return tail.Count == 0
            ? $"{reason}; it wrote nothing (log: {service.LogPath})"
            : $"{reason}; its last lines ({service.LogPath}):\n" + string.Join('\n', tail.Select(l => "  | " + l));
    }

    private static string FirstWord(string command)
    {
        var word = command.TrimStart().Split([' ', '\t'], 2)[0];
        return word.Trim('\'', '"');
    }

    /// <summary>
    /// setsid makes the new process a session of its own just before it runs the shell; signalling the group earlier would
    /// miss it, so the start waits for that (or for its end).
    /// </summary>
    private static async Task WaitForOwnSessionAsync(StartedService service, Process process, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (ProcessGroup.Ids(service.Pid) is not { } ids || ids.Session != service.Pid)
        {
            if (process.HasExited)
            {
                return;
            }

            if (time.GetElapsedTime(started) > SessionWait)
            {
                throw new ServiceStartException($"setsid did not make the service a session of its own within {SessionWait.TotalSeconds:0} s (pid {service.Pid}); it was stopped");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), time, cancellationToken).ConfigureAwait(false);
        }
    }

    // An operator, a subshell or grouping, a newline, or a leading assignment (NAME=…) or reserved word.
    [GeneratedRegex(@"[;&|()\n`]|^\s*([A-Za-z_][A-Za-z0-9_]*=|(if|for|while|until|case|\{|!)\s)", RegexOptions.CultureInvariant)]
    private static partial Regex ShellSyntax();
}

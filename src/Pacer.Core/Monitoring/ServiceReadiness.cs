using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;

namespace Pacer.Core.Monitoring;

/// <summary>
/// Waits until a started service is ready: its ready URL answers 2xx, or without one, one of its processes listens on a TCP
/// port. Checked every <see cref="ServiceStartOptions.PollInterval"/> until <see cref="ServiceStartOptions.ReadyTimeout"/>;
/// the service's exit ends the wait at once (it is watched between polls, not only at them).
/// </summary>
internal static class ServiceReadiness
{
    /// <summary>One GET gets at most this long: a service that accepts but does not answer yet is asked again.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>What made it ready, as a user reads it.</summary>
    public static async Task<string> WaitAsync(StartedService service, Process process, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = service.Options;
        var started = time.GetTimestamp();
        var exited = process.WaitForExitAsync(CancellationToken.None);

        // No proxy: a ready URL is the service Pacer just started, which an http_proxy setting would route away from.
        using var client = options.ReadyUrl is null ? null : new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = AttemptTimeout }) { Timeout = Timeout.InfiniteTimeSpan };
        string? lastProblem = null;
        while (true)
        {
            if (process.HasExited)
            {
                var (code, signal) = service.Status();
                throw new ServiceStartException(ServiceProcess.WithLog(ServiceProcess.ExitReason(code, signal, options.Command), service))
                {
                    ExitCode = process.ExitCode,
                    LogTail = service.LogTail(),
                    LogPath = service.LogPath,
                };
            }

            var left = options.ReadyTimeout - time.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                var (ready, problem) = client is null
                    ? Listening(service.Pid)
                    : await AskAsync(client, options.ReadyUrl!, left < AttemptTimeout ? left : AttemptTimeout, time, cancellationToken).ConfigureAwait(false);
                if (ready is not null)
                {
                    return ready;
                }

                lastProblem = problem ?? lastProblem;

                left = options.ReadyTimeout - time.GetElapsedTime(started);
            }

            if (left <= TimeSpan.Zero)
            {
                // An exit during the last attempt is the better reason.
                if (process.HasExited)
                {
                    continue;
                }

                var waited = options.ReadyTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                var what = options.ReadyUrl is { } url
                    ? $"the service was not ready within {waited} s: GET {url} never answered 2xx (last: {lastProblem ?? "no answer yet"})"
                    : $"the service was not ready within {waited} s: none of its processes listened on a TCP port (give a ready URL, --watch-ready or watch.ready, when it listens elsewhere, e.g. in a container)";
                throw new ServiceStartException(ServiceProcess.WithLog(what, service)) { LogTail = service.LogTail(), LogPath = service.LogPath };
            }

            var pause = left < options.PollInterval ? left : options.PollInterval;
            await Task.WhenAny(Task.Delay(pause, time, cancellationToken), exited).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static (string? Ready, string? Problem) Listening(int group)
    {
        var ports = ProcessGroup.ListeningPorts(group);
        return ports.Count == 0
            ? (null, "not listening yet")
            : ($"listening on port{(ports.Count > 1 ? "s" : string.Empty)} {string.Join(", ", ports)}", null);
    }

    private static async Task<(string? Ready, string? Problem)> AskAsync(HttpClient client, Uri url, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var attempt = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, cancellationToken);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? ($"GET {url} answered {status}", null)
                : (null, $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not ready yet: it did not answer within the attempt's time; asked again at the next poll. An attempt cut short
            // by the ready timeout says nothing new, so the reason from the attempt before it stands.
            return (null, timeout < AttemptTimeout ? null : $"no answer within {AttemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException e)
        {
            // Not ready yet (refused, reset …): the reason is kept for the timeout's message.
            return (null, e.InnerException is SocketException socket ? socket.Message : e.Message);
        }
    }
}

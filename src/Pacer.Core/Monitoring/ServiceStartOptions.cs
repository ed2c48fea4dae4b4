namespace Pacer.Core.Monitoring;

/// <summary>
/// How to start the service under test (<c>--watch-cmd</c>, the plan's <c>watch.command</c>): the command line, where its
/// output goes, how to tell it is ready, and how long it gets to stop.
/// </summary>
/// <param name="Command">A shell command line, run as <c>/bin/sh -c 'exec COMMAND'</c>: quoting, variables and redirections work as in a terminal, and the process Pacer watches is the service itself, not a shell around it.</param>
/// <param name="LogPath">The file its standard output and error are appended to, after a header line naming the command and the start time.</param>
public sealed record ServiceStartOptions(string Command, string LogPath)
{
    /// <summary>How long a service gets to become ready when nothing else is said.</summary>
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a service gets between SIGTERM and SIGKILL when nothing else is said.</summary>
    public static readonly TimeSpan DefaultStopGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An http(s) URL polled with GET until it answers 2xx: the service is ready. Null: it is ready when one of its processes
    /// listens on a TCP port (read from /proc), which needs no URL but cannot see a socket held outside its process group
    /// (a container's published port).
    /// </summary>
    public Uri? ReadyUrl { get; init; }

    /// <summary>How long the service may take to become ready before the start fails.</summary>
    public TimeSpan ReadyTimeout { get; init; } = DefaultReadyTimeout;

    /// <summary>How long the service gets to exit after SIGTERM before its process group is killed with SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = DefaultStopGrace;

    /// <summary>Environment variables added to (or replacing those of) Pacer's own environment for the service.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The folder it starts in; null for Pacer's current folder.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>How often readiness is checked while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Command))
        {
            throw new ArgumentException("the service command is empty; give the command line that starts the service", nameof(Command));
        }

        if (string.IsNullOrWhiteSpace(LogPath))
        {
            throw new ArgumentException("the service log path is empty", nameof(LogPath));
        }

        if (ReadyUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"the ready URL '{url}' is not an absolute http:// or https:// URL (e.g. http://127.0.0.1:8080/health)", nameof(ReadyUrl));
        }

        if (ReadyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"the ready timeout must be positive (e.g. 30s), not {ReadyTimeout}", nameof(ReadyTimeout));
        }

        if (StopGrace < TimeSpan.Zero)
        {
            throw new ArgumentException($"the stop grace cannot be negative (e.g. 5s), not {StopGrace}", nameof(StopGrace));
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"the poll interval must be positive, not {PollInterval}", nameof(PollInterval));
        }

        foreach (var name in Environment.Keys)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' cannot be an environment variable's name (empty, or holds '=' or NUL)", nameof(Environment));
            }
        }
    }
}

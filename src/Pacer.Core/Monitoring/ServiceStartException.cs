namespace Pacer.Core.Monitoring;

/// <summary>
/// The service Pacer was to start could not be started or did not become ready. Its message says why and ends with the last
/// lines of the service's own log, where the reason usually is (a port in use, a missing setting); the service has been
/// stopped by the time this is thrown.
/// </summary>
public sealed class ServiceStartException : Exception
{
    /// <summary>Creates one with the full message a user reads.</summary>
    /// <param name="message">Why, with the log's last lines.</param>
    public ServiceStartException(string message)
        : base(message)
    {
    }

    /// <summary>Creates one with the full message a user reads and what caused it.</summary>
    /// <param name="message">Why, with the log's last lines.</param>
    /// <param name="innerException">The cause.</param>
    public ServiceStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates one with no detail; prefer the constructors with a message.</summary>
    public ServiceStartException()
    {
    }

    /// <summary>The service's exit code (as a shell reports it: 128 + the signal for a signal) when it ended before it was ready, else null.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The last lines the service wrote before it failed (at most 20), oldest first.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];

    /// <summary>The service's log file.</summary>
    public string? LogPath { get; init; }
}

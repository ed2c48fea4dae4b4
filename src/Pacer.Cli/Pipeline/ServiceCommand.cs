using Pacer.Core.Files;
using Pacer.Core.Monitoring;
using Pacer.Core.Plans;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// The service <c>pacer run</c> starts before load and stops after it (<c>--watch-cmd</c>, <c>--watch-ready</c>, the plan's
/// <c>watch.command</c>), as given: turned into <see cref="ServiceStartOptions"/> once the log's place is known.
/// </summary>
/// <param name="Command">The command line.</param>
/// <param name="ReadyUrl">The ready URL as written, or null (ready when it listens).</param>
/// <param name="ReadyPlace">Where the ready URL was given, for its error: <c>--watch-ready</c> or a plan's <c>file:line:column</c>.</param>
internal sealed record ServiceCommand(string Command, string? ReadyUrl, string ReadyPlace = "--watch-ready")
{
    /// <summary>How long it may take to become ready.</summary>
    public TimeSpan ReadyTimeout { get; init; } = ServiceStartOptions.DefaultReadyTimeout;

    /// <summary>How long it gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = ServiceStartOptions.DefaultStopGrace;

    /// <summary>Environment variables for it.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The service to start: the plan's <c>watch.command</c> with its settings, or <paramref name="command"/> (<c>--watch-cmd</c>)
    /// instead of it; <paramref name="ready"/> (<c>--watch-ready</c>) instead of the plan's <c>watch.ready</c>. Null when neither
    /// gives a command; a ready URL without one is a usage error.
    /// </summary>
    public static ServiceCommand? From(WatchSpec? plan, string? command, string? ready)
    {
        var line = command ?? plan?.Command;
        if (line is null)
        {
            if (ready is not null)
            {
                throw new UsageException("--watch-ready says when the service started by --watch-cmd is ready; give --watch-cmd too (or watch.command in the plan), or drop --watch-ready");
            }

            // Settings for a command without one would be silently ignored; said as TargetWatcherFactory says it, which only
            // sees them when the section watches something else too.
            var orphans = plan is null ? [] : new[]
            {
                plan.Ready is null ? null : "ready",
                plan.ReadyTimeout == WatchSpec.DefaultReadyTimeout ? null : "ready_timeout",
                plan.StopGrace == WatchSpec.DefaultStopGrace ? null : "stop_grace",
                plan.Environment.Count == 0 ? null : "env",
            }.OfType<string>().ToArray();
            return orphans.Length == 0 ? null
                : throw new UsageException($"watch.{string.Join(", watch.", orphans)} {(orphans.Length == 1 ? "applies" : "apply")} to a command Pacer starts, and there is none: add watch.command or --watch-cmd");
        }

        return new ServiceCommand(line, ready ?? plan?.Ready?.OriginalString, ready is null ? "watch.ready" : "--watch-ready")
        {
            ReadyTimeout = plan?.ReadyTimeout ?? ServiceStartOptions.DefaultReadyTimeout,
            StopGrace = plan?.StopGrace ?? ServiceStartOptions.DefaultStopGrace,
            Environment = plan?.Environment ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>
    /// The service's log goes next to the result file and is named after it: <c>run.json</c> → <c>run.service.log</c>. A result
    /// sent to a device (<c>--out /dev/null</c>) has no "next to", so the log then goes to the current folder.
    /// </summary>
    public static string LogPathFor(string resultPath)
    {
        if (FileStatus.Of(resultPath).Kind == FileKind.CharacterDevice)
        {
            return "pacer-result.service.log";
        }

        var folder = Path.GetDirectoryName(resultPath);
        var name = Path.GetFileNameWithoutExtension(resultPath) + ".service.log";
        return string.IsNullOrEmpty(folder) ? name : Path.Combine(folder, name);
    }

    /// <summary>The start options with the log at <paramref name="logPath"/>; a setting that cannot work is a usage error naming its place.</summary>
    public ServiceStartOptions ToStartOptions(string logPath)
    {
        Uri? ready = null;
        if (ReadyUrl is not null && (!Uri.TryCreate(ReadyUrl, UriKind.Absolute, out ready) || (ready.Scheme != Uri.UriSchemeHttp && ready.Scheme != Uri.UriSchemeHttps)))
        {
            throw new UsageException($"{ReadyPlace}: '{ReadyUrl}' is not an http:// or https:// URL; give the URL that answers 2xx once the service is ready, e.g. http://127.0.0.1:8080/health");
        }

        var options = new ServiceStartOptions(Command, logPath)
        {
            ReadyUrl = ready,
            ReadyTimeout = ReadyTimeout,
            StopGrace = StopGrace,
            Environment = Environment,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--watch-cmd: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        return options;
    }
}

using System.Net;
using System.Net.Sockets;
using Pacer.Core.Files;
using Pacer.Core.Monitoring;
using Pacer.Core.Plans.Tuning;

namespace Pacer.Cli.Tuning;

/// <summary>
/// Starts the service for one trial: the knobs' values and the port filled into the command, the ready URL, the environment
/// and the config file (written first), as the tune file says; started and waited for by the same code as <c>--watch-cmd</c>.
/// </summary>
internal static class TrialService
{
    /// <summary>The placeholder table of one start: the knobs' values and <c>{port}</c> (a free port when the tune file says auto).</summary>
    public static Dictionary<string, string> Placeholders(TuneSpec spec, IReadOnlyDictionary<string, string> values)
    {
        var table = new Dictionary<string, string>(values, StringComparer.Ordinal)
        {
            ["port"] = (spec.Port ?? FreePort()).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return table;
    }

    /// <summary>The start options for <paramref name="placeholders"/>, the config file written; throws <see cref="UsageException"/> for a setting that cannot work.</summary>
    public static async Task<ServiceStartOptions> PrepareAsync(TuneSpec spec, IReadOnlyDictionary<string, string> placeholders, string logPath, CancellationToken cancellationToken)
    {
        if (spec.Config is { } config)
        {
            var folder = Path.GetDirectoryName(config.Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllTextAsync(config.Path, TuneTemplate.Fill(config.Template, placeholders), cancellationToken);
        }

        var environment = spec.Service.Environment.ToDictionary(e => e.Key, e => TuneTemplate.Fill(e.Value, placeholders), StringComparer.Ordinal);
        foreach (var knob in spec.Knobs.Where(k => k.Environment is not null))
        {
            environment[knob.Environment!] = placeholders[knob.Name];
        }

        var ready = spec.ReadyTemplate is { } template ? TuneTemplate.Fill(template, placeholders) : null;
        var options = new ServiceStartOptions(TuneTemplate.Fill(spec.Service.Command!, placeholders), logPath)
        {
            ReadyUrl = ready is null ? null : Url(ready, "service.ready", spec.Path),
            ReadyTimeout = spec.Service.ReadyTimeout,
            StopGrace = spec.Service.StopGrace,
            Environment = environment,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{spec.Path}: service: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        return options;
    }

    /// <summary>A filled-in URL; a knob value that makes it no URL (a space, a slash) is a usage error naming the setting.</summary>
    public static Uri Url(string text, string what, string file) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new UsageException($"{file}: {what} '{text}' is not an http:// or https:// URL with the knobs' values filled in; a knob's values must fit where its placeholder stands");

    /// <summary>
    /// A port nothing listens on now: bound on loopback with port 0, read, released. Another process could take it before the
    /// service binds it; the service then fails to start and the trial says so, which is the rare price of not making every
    /// service report its own port.
    /// </summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The service log's path for an output file: <c>tune.json</c> → <c>tune.service.log</c>.</summary>
    public static string LogPathFor(string outPath) =>
        FileStatus.Of(outPath).Kind == FileKind.CharacterDevice ? "pacer-tune.service.log" : Pipeline.ServiceCommand.LogPathFor(outPath);
}

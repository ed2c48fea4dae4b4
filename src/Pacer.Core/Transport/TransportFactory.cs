using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Transport;

/// <summary>
/// Makes the transport for a run from registrations keyed by URI scheme: the first registration, in order of preference, that
/// serves every scheme the run sends to and applies to the options. The default ones prefer the lean HTTP/1.1 transport where
/// it applies (plain http://, no HTTP/2) — epoll event loops on Linux, the asynchronous Socket path elsewhere or when asked
/// for by name — else HttpClient, which does TLS and HTTP/2. A scheme no registration serves is an error that names it and
/// the schemes there are.
/// </summary>
internal sealed class TransportFactory
{
    private readonly IReadOnlyList<TransportRegistration> registrations;
    private readonly Dictionary<string, List<TransportRegistration>> byScheme = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A factory over <paramref name="registrations"/>, most preferred first.</summary>
    public TransportFactory(IReadOnlyList<TransportRegistration> registrations)
    {
        this.registrations = registrations;
        foreach (var registration in registrations)
        {
            foreach (var scheme in registration.Schemes)
            {
                if (!byScheme.TryGetValue(scheme, out var serving))
                {
                    byScheme[scheme] = serving = [];
                }

                serving.Add(registration);
            }
        }
    }

    /// <summary>The lean transports for http://, HttpClient for http:// and https://.</summary>
    public static TransportFactory Default { get; } = new(
    [
        new("lean", Http1Schemes.Http,
            o => o.Choice is TransportChoice.Auto or TransportChoice.Lean && !o.Http2 && Http1Transport.IsSupported,
            (known, o) => new Http1Transport(known, o.EventLoops ?? DefaultEventLoops)),

        // Linux gets the epoll event loops unless the Socket path is asked for by name (to compare them); elsewhere the same
        // framing and parser run over the asynchronous Socket API.
        new("socket", Http1Schemes.Http,
            o => !o.Http2 && (o.Choice == TransportChoice.Socket || (o.Choice is TransportChoice.Auto or TransportChoice.Lean && !Http1Transport.IsSupported)),
            (known, _) => new SocketHttp1Transport(known)),
        new("httpclient", new HashSet<string>(StringComparer.Ordinal) { "http", "https" },
            o => o.Choice is TransportChoice.Auto or TransportChoice.HttpClient,
            (known, o) => new HttpClientTransport(known, new HttpClientTransportOptions(o.Http2, o.SkipCertificateValidation))),
    ]);

    /// <summary>
    /// One loop per two cores: a loop keeps a core busy on its own at full load, and the other core is left for the rest of
    /// Pacer (dispatcher, ticker, GC) and, in the common loopback case, for the service under test.
    /// </summary>
    public static int DefaultEventLoops => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Every scheme some registration serves, sorted.</summary>
    public IReadOnlyList<string> KnownSchemes => [.. byScheme.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The transport for a run that sends to <paramref name="schemes"/> with <paramref name="options"/>;
    /// <paramref name="known"/> are the requests known before the run (a mix's, frozen), prepared once by the transport.
    /// </summary>
    /// <exception cref="NotSupportedException">A scheme no registration serves, or no transport that serves them all applies.</exception>
    public ITransport Create(IReadOnlyCollection<string> schemes, TransportOptions options, IReadOnlyList<ExchangeRequest> known)
    {
        foreach (var scheme in schemes)
        {
            if (!byScheme.ContainsKey(scheme))
            {
                throw new NotSupportedException($"no transport speaks {scheme}:// (known schemes: {string.Join(", ", KnownSchemes)})");
            }
        }

        foreach (var registration in registrations)
        {
            if (schemes.All(registration.Schemes.Contains) && registration.Applies(options))
            {
                return registration.Create(known, options);
            }
        }

        throw new NotSupportedException(options.Choice is TransportChoice.Lean or TransportChoice.Socket
            ? $"the {(options.Choice == TransportChoice.Socket ? "socket" : "lean")} transport speaks plain HTTP/1.1: https:// targets and HTTP/2 need --transport httpclient (or auto)"
            : $"no transport serves {string.Join(" and ", schemes.Select(s => s + "://"))} with --transport {options.Choice.ToString().ToLowerInvariant()}{(options.Http2 ? " and HTTP/2" : "")}");
    }
}

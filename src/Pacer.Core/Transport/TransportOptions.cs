namespace Pacer.Core.Transport;

/// <summary>How a run wants its transport: which one, and the settings the transports take.</summary>
/// <param name="Choice">The transport asked for (auto picks by scheme).</param>
/// <param name="Http2">Speak HTTP/2 (only HttpClient does).</param>
/// <param name="SkipCertificateValidation">Accept any server certificate (self-signed test servers).</param>
/// <param name="EventLoops">Event loops of the lean transport; null for <see cref="TransportFactory.DefaultEventLoops"/>.</param>
internal sealed record TransportOptions(
    TransportChoice Choice = TransportChoice.Auto,
    bool Http2 = false,
    bool SkipCertificateValidation = false,
    int? EventLoops = null);

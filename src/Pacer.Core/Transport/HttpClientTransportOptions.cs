namespace Pacer.Core.Transport;

/// <summary>Settings of <see cref="HttpClientTransport"/>.</summary>
/// <param name="Http2">Use HTTP/2 (over TLS for https targets; prior knowledge for http).</param>
/// <param name="SkipCertificateValidation">Accept any server certificate (self-signed test servers).</param>
internal sealed record HttpClientTransportOptions(bool Http2 = false, bool SkipCertificateValidation = false);

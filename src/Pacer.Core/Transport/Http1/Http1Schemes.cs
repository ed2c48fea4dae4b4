namespace Pacer.Core.Transport.Http1;

/// <summary>The schemes the lean HTTP/1.1 transports speak: plain http only (TLS goes through HttpClient).</summary>
internal static class Http1Schemes
{
    public static IReadOnlySet<string> Http { get; } = new HashSet<string>(StringComparer.Ordinal) { "http" };
}

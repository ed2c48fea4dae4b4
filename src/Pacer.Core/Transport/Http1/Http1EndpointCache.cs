using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The hosts a run talks to, resolved once each: a rendered URL's host and port are looked up as bytes (no string, no
/// <see cref="Uri"/> per request), and only a host seen for the first time is resolved, under a lock, into a new endpoint.
/// A host that does not resolve is remembered too, so its requests are recorded as <c>dns</c> errors without asking again.
/// </summary>
internal sealed class Http1EndpointCache
{
    private readonly Lock gate = new();

    private Entry[] entries = [];

    /// <summary>The index the next new endpoint gets (event loops keep idle connections per index).</summary>
    private int NextIndex { get; set; }

    /// <summary>Endpoints resolved so far (hosts that did not resolve are not counted).</summary>
    public int Count => Volatile.Read(ref entries).Count(e => e.Endpoint is not null);

    /// <summary>The endpoint for <paramref name="host"/>:<paramref name="port"/>; null, with the reason, when the host does not resolve.</summary>
    public Http1Endpoint? Find(ReadOnlySpan<byte> host, int port, out string? failure)
    {
        Span<byte> key = stackalloc byte[Math.Min(host.Length + 6, 512)];
        var length = WriteKey(host, port, key);
        if (length < 0)
        {
            failure = $"the host name '{Encoding.UTF8.GetString(host)}' is too long";
            return null;
        }

        key = key[..length];
        var known = Volatile.Read(ref entries);
        foreach (var entry in known)
        {
            if (entry.Key.AsSpan().SequenceEqual(key))
            {
                failure = entry.Failure;
                return entry.Endpoint;
            }
        }

        return Add(Encoding.UTF8.GetString(host), port, key.ToArray(), out failure);
    }

    private Http1Endpoint? Add(string host, int port, byte[] key, out string? failure)
    {
        lock (gate)
        {
            foreach (var entry in entries)
            {
                if (entry.Key.AsSpan().SequenceEqual(key))
                {
                    failure = entry.Failure;
                    return entry.Endpoint;
                }
            }

            Entry added;
            if (Resolve(host) is { } address)
            {
                var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
                added = new Entry(key, new Http1Endpoint(NextIndex++, authority, address, port), null);
            }
            else
            {
                added = new Entry(key, null, $"could not resolve the host name '{host}'");
            }

            Volatile.Write(ref entries, [.. entries, added]);
            failure = added.Failure;
            return added.Endpoint;
        }
    }

    /// <summary>host (ASCII lower case) ':' port; -1 when it does not fit.</summary>
    private static int WriteKey(ReadOnlySpan<byte> host, int port, Span<byte> key)
    {
        if (host.Length + 6 > key.Length)
        {
            return -1;
        }

        for (var i = 0; i < host.Length; i++)
        {
            var b = host[i];
            key[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        key[host.Length] = (byte)':';
        port.TryFormat(key[(host.Length + 1)..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return host.Length + 1 + written;
    }

    /// <summary>The address <paramref name="host"/> (a name or a literal) resolves to, IPv4 first; null when it does not resolve.</summary>
    private static IPAddress? Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        }
        catch (SocketException)
        {
            // Unresolvable: every request to this host is recorded as a dns error rather than failing the run.
            return null;
        }
    }

    private sealed record Entry(byte[] Key, Http1Endpoint? Endpoint, string? Failure);
}

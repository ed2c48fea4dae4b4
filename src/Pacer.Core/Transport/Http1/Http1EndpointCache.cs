using System.Text;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The hosts flow steps talk to, resolved once each: a rendered URL's host and port are looked up as bytes (no string, no
/// <see cref="Uri"/> per request), and only a host seen for the first time is resolved, under a lock, into a new endpoint.
/// A host that does not resolve is remembered too, so its requests are recorded as <c>dns</c> errors without asking again.
/// </summary>
internal sealed class Http1EndpointCache
{
    private readonly Lock gate = new();
    private Entry[] entries;

    /// <summary>Starts with the endpoints the plan's own URLs resolved to, so the usual target is never resolved at run time.</summary>
    public Http1EndpointCache(IReadOnlyList<Http1Endpoint> known)
    {
        entries = [.. known.Select(e => new Entry(Key(HostOf(e.Authority), e.Port), e, null))];
        NextIndex = known.Count;
    }

    /// <summary>The index the next new endpoint gets (event loops keep idle connections per index).</summary>
    private int NextIndex { get; set; }

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
            if (Http1RequestTable.Resolve(host) is { } address)
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

    private static byte[] Key(string host, int port)
    {
        var bytes = Encoding.UTF8.GetBytes(host);
        var key = new byte[bytes.Length + 6];
        return key[..WriteKey(bytes, port, key)];
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

    /// <summary>The host part of an authority (<c>host</c>, <c>host:port</c>, <c>[v6]:port</c>), brackets removed.</summary>
    private static string HostOf(string authority)
    {
        if (authority.StartsWith('['))
        {
            return authority[1..authority.IndexOf(']', StringComparison.Ordinal)];
        }

        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }

    private sealed record Entry(byte[] Key, Http1Endpoint? Endpoint, string? Failure);
}

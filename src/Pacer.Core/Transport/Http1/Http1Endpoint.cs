using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Pacer.Core.Transport.Http1;

/// <summary>One host and port the plan talks to, resolved once before the run, with its native socket address.</summary>
internal sealed class Http1Endpoint
{
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    public Http1Endpoint(int index, string authority, IPAddress address, int port)
    {
        Index = index;
        Authority = authority;
        Address = address;
        Port = port;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Family = AfInet;
            SocketAddress = new byte[16];
            address.TryWriteBytes(SocketAddress.AsSpan(4, 4), out _);
        }
        else
        {
            Family = AfInet6;
            SocketAddress = new byte[28];
            address.TryWriteBytes(SocketAddress.AsSpan(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(SocketAddress.AsSpan(24, 4), (uint)address.ScopeId);
        }

        BitConverter.TryWriteBytes(SocketAddress.AsSpan(0, 2), Family);
        BinaryPrimitives.WriteUInt16BigEndian(SocketAddress.AsSpan(2, 2), (ushort)port);
    }

    /// <summary>Position in the transport's endpoint list; event loops keep their idle connections per index.</summary>
    public int Index { get; }

    /// <summary>host:port as the plan wrote it, for messages.</summary>
    public string Authority { get; }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>AF_INET or AF_INET6.</summary>
    public ushort Family { get; }

    /// <summary>struct sockaddr_in / sockaddr_in6 as connect(2) takes it.</summary>
    public byte[] SocketAddress { get; }
}

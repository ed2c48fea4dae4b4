using System.Buffers;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// One keep-alive TCP connection owned by an event loop. Its state is small on purpose (10,000 of them must fit in a few MB):
/// receive buffers are the loop's, and only the bytes of an unfinished header line are carried between reads.
/// </summary>
internal sealed class Http1Connection(int fd, int slot, ulong token, Http1Endpoint endpoint)
{
    public int Fd { get; } = fd;

    /// <summary>Index in the loop's connection table.</summary>
    public int Slot { get; } = slot;

    /// <summary>epoll user data: slot and a generation, so an event for a closed connection never reaches its slot's successor.</summary>
    public ulong Token { get; } = token;

    public Http1Endpoint Endpoint { get; } = endpoint;

    public Http1ConnectionState State { get; set; } = Http1ConnectionState.Connecting;

    /// <summary>The request in flight, if any.</summary>
    public Http1Exchange? Exchange { get; set; }

    /// <summary>The parser of the response in flight; a field so the loop updates it in place.</summary>
    public Http1ResponseParser Parser;

    /// <summary>Bytes of the current request written so far.</summary>
    public int SendOffset { get; set; }

    /// <summary>EPOLLOUT is registered (connecting, or a send that did not fit the socket buffer).</summary>
    public bool WantsWrite { get; set; }

    /// <summary>The connection has served a response before, so the server may have closed it while it was idle.</summary>
    public bool Reused { get; set; }

    /// <summary>
    /// The event-loop pass (<see cref="Http1ConnectionTable.Pass"/>) in which the connection's last response completed on a
    /// read that left its socket empty. Reused in that same pass (a virtual user's next request, started as the response is
    /// handled), it needs no look for stray bytes: that read was the look, microseconds ago.
    /// </summary>
    public long DrainedInPass { get; set; }

    /// <summary>Unparsed bytes of an unfinished line, kept between reads (rented only when a line splits).</summary>
    public byte[]? Carry { get; set; }

    public int CarryLength { get; set; }

    /// <summary>Keeps <paramref name="rest"/> (part of a line the parser could not use yet) for the next read.</summary>
    public void KeepCarry(ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty)
        {
            ReturnCarry();
            return;
        }

        if (Carry is null || Carry.Length < rest.Length)
        {
            ReturnCarry();
            Carry = ArrayPool<byte>.Shared.Rent(Math.Max(rest.Length, 256));
        }

        rest.CopyTo(Carry);
        CarryLength = rest.Length;
    }

    /// <summary>Gives the carry buffer back to the pool (the response is done, or the connection closed).</summary>
    public void ReturnCarry()
    {
        if (Carry is { } carry)
        {
            ArrayPool<byte>.Shared.Return(carry);
            Carry = null;
        }

        CarryLength = 0;
    }
}

using Pacer.Core.Platform.Linux;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// An event loop's connections: a slot table indexed by the epoll token (slot and a generation, so an event for a closed
/// connection never reaches its slot's successor), the free slots, and the idle keep-alive connections of each endpoint.
/// Touched only by the loop's thread.
/// </summary>
internal sealed class Http1ConnectionTable(int epoll, int endpointCount)
{
    private readonly Stack<int> freeSlots = new();
    private Stack<Http1Connection>[] idle = [.. Enumerable.Range(0, endpointCount).Select(_ => new Stack<Http1Connection>())];
    private Http1Connection?[] slots = new Http1Connection?[256];
    private uint generation;

    /// <summary>The event loop's pass: one more each time its wait returns (see <see cref="Http1Connection.DrainedInPass"/>).</summary>
    public long Pass { get; private set; }

    /// <summary>A new pass of the event loop begins (its wait returned).</summary>
    public void BeginPass() => Pass++;

    /// <summary>Slots handed out so far (a scan over <see cref="this[int]"/> goes up to here).</summary>
    public int SlotsUsed { get; private set; }

    /// <summary>The connection in <paramref name="slot"/>, or null.</summary>
    public Http1Connection? this[int slot] => slots[slot];

    /// <summary>The open connection an epoll event's <paramref name="token"/> names, if it is still the one that registered it.</summary>
    public bool TryGet(ulong token, out Http1Connection connection)
    {
        connection = slots[(int)(uint)token]!;
        return connection is not null && connection.Token == token;
    }

    /// <summary>The idle keep-alive connections to <paramref name="endpoint"/>.</summary>
    public Stack<Http1Connection> IdleFor(Http1Endpoint endpoint)
    {
        if (endpoint.Index >= idle.Length)
        {
            // A request reached a host first seen at run time: its idle pool is added on this, the owning, thread.
            var grown = idle.Length;
            Array.Resize(ref idle, endpoint.Index + 1);
            for (var i = grown; i < idle.Length; i++)
            {
                idle[i] = new Stack<Http1Connection>();
            }
        }

        return idle[endpoint.Index];
    }

    /// <summary>Takes a slot for the socket <paramref name="fd"/> and registers it with epoll for <paramref name="interest"/>.</summary>
    public Http1Connection Register(int fd, Http1Endpoint endpoint, uint interest)
    {
        if (!freeSlots.TryPop(out var slot))
        {
            if (SlotsUsed == slots.Length)
            {
                Array.Resize(ref slots, slots.Length * 2);
            }

            slot = SlotsUsed++;
        }

        var token = ((ulong)++generation << 32) | (uint)slot;
        var connection = new Http1Connection(fd, slot, token, endpoint);
        slots[slot] = connection;
        LinuxNative.EpollControl(epoll, LinuxNative.EPOLL_CTL_ADD, fd, interest, token);
        return connection;
    }

    /// <summary>Keeps a connection whose response completed for the next request to its endpoint.</summary>
    public void ParkIdle(Http1Connection connection)
    {
        connection.State = Http1ConnectionState.Idle;
        IdleFor(connection.Endpoint).Push(connection);
    }

    /// <summary>Closes the socket and frees the slot (once); the exchange it carried, if any, is the caller's to settle.</summary>
    public void Close(Http1Connection connection)
    {
        if (connection.State == Http1ConnectionState.Closed)
        {
            return;
        }

        connection.State = Http1ConnectionState.Closed;
        connection.Exchange = null;
        connection.ReturnCarry();
        LinuxNative.Close(connection.Fd);
        slots[connection.Slot] = null;
        freeSlots.Push(connection.Slot);
    }
}

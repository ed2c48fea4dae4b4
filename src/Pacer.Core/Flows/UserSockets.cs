using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// The sockets one virtual user holds open, by name. Touched by one iteration at a time (the user's), so it needs no lock;
/// the runtime closes the iteration's sockets at its end and every socket when the user leaves the run.
/// </summary>
internal sealed class UserSockets
{
    private readonly Dictionary<string, OpenSocket> open = new(StringComparer.Ordinal);

    /// <summary>The message a send or request step renders (then sends).</summary>
    public WireBuffer Payload { get; } = new(256);

    /// <summary>The value a request step's reply must carry at its correlation path.</summary>
    public WireBuffer Correlation { get; } = new(64);

    /// <summary>True when a socket opened for the iteration alone is still open.</summary>
    public bool AnyIterationScoped
    {
        get
        {
            foreach (var socket in open.Values)
            {
                if (!socket.UserScope)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public bool TryGet(string name, out OpenSocket socket) => open.TryGetValue(name, out socket!);

    public void Add(string name, OpenSocket socket) => open[name] = socket;

    public bool Remove(string name, out OpenSocket socket) => open.Remove(name, out socket!);

    /// <summary>Takes the sockets to close out of the set: the iteration's (<paramref name="all"/> false) or every one.</summary>
    public List<OpenSocket> TakeAll(bool all)
    {
        var taken = new List<OpenSocket>();
        foreach (var (name, socket) in open.ToList())
        {
            if (all || !socket.UserScope)
            {
                open.Remove(name);
                taken.Add(socket);
            }
        }

        return taken;
    }
}

using System.Collections.Concurrent;

namespace Pacer.DemoTarget;

/// <summary>Sessions in memory, bounded: beyond <see cref="Capacity"/> the oldest are evicted, so long runs do not grow without limit.</summary>
internal sealed class SessionStore
{
    public const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, Session> sessions = new();
    private readonly ConcurrentQueue<string> order = new();
    private long version;

    public int Count => sessions.Count;

    /// <summary>Changes whenever a session is added, so cached lists know they are stale.</summary>
    public long Version => Interlocked.Read(ref version);

    public Session Add(string name)
    {
        var session = new Session(Guid.NewGuid().ToString("N")[..12], name, DateTimeOffset.UtcNow, "active");
        sessions[session.Id] = session;
        order.Enqueue(session.Id);
        while (sessions.Count > Capacity && order.TryDequeue(out var oldest))
        {
            sessions.TryRemove(oldest, out _);
        }

        Interlocked.Increment(ref version);
        return session;
    }

    public Session? Get(string id) => sessions.TryGetValue(id, out var s) ? s : null;

    /// <summary>The most recent <paramref name="count"/> sessions, newest first.</summary>
    public IReadOnlyList<Session> Recent(int count) =>
        [.. sessions.Values.OrderByDescending(s => s.CreatedAt).Take(count)];
}

/// <summary>A terminal session of the demo service.</summary>
internal sealed record Session(string Id, string Name, DateTimeOffset CreatedAt, string Status);

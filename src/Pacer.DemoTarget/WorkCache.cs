namespace Pacer.DemoTarget;

/// <summary>
/// A bounded cache of command results (<c>--work-cache N</c>): a command whose text was run recently is answered from here
/// without taking a worker or doing the work again. Least recently used entries go first when it is full. Size 0 keeps nothing.
/// A lock guards it: the work it saves is thousands of hash rounds, against a dictionary lookup under the lock.
/// </summary>
internal sealed class WorkCache(int size)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, string Digest)>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, string Digest)> order = new();
    private long hits;
    private long misses;

    public int Size => size;

    public long Hits => Interlocked.Read(ref hits);

    public long Misses => Interlocked.Read(ref misses);

    /// <summary>The cached result of <paramref name="command"/>, if any (counted as a hit or a miss when the cache is on).</summary>
    public bool TryGet(string command, out string digest)
    {
        digest = string.Empty;
        if (size == 0)
        {
            return false;
        }

        lock (gate)
        {
            if (entries.TryGetValue(command, out var node))
            {
                order.Remove(node);
                order.AddFirst(node);
                digest = node.Value.Digest;
                hits++;
                return true;
            }

            misses++;
            return false;
        }
    }

    /// <summary>Keeps <paramref name="digest"/> as the result of <paramref name="command"/>, dropping the least recently used entry when full.</summary>
    public void Add(string command, string digest)
    {
        if (size == 0)
        {
            return;
        }

        lock (gate)
        {
            if (entries.TryGetValue(command, out var existing))
            {
                order.Remove(existing);
                entries.Remove(command);
            }
            else if (entries.Count >= size)
            {
                var last = order.Last!;
                order.RemoveLast();
                entries.Remove(last.Value.Key);
            }

            entries[command] = order.AddFirst((command, digest));
        }
    }

    /// <summary>How many results it holds.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }
}

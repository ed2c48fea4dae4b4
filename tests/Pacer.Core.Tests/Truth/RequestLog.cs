using Pacer.Core.Recording;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Truth;

/// <summary>
/// Keeps what the recorder is given for every request (<see cref="IRequestObserver"/>), in a preallocated array: no lock and
/// no allocation on the engine's hot path, so watching does not change what is watched.
/// </summary>
internal sealed class RequestLog(int capacity) : IRequestObserver
{
    private readonly ObservedRequest[] entries = new ObservedRequest[capacity];
    private int count;

    /// <summary>The requests recorded, once the run is over.</summary>
    public IReadOnlyList<ObservedRequest> Entries
    {
        get
        {
            var n = Volatile.Read(ref count);
            return n > entries.Length
                ? throw new InvalidOperationException($"the run recorded {n} requests, more than the log's {entries.Length}: give the test a larger bound")
                : entries[..n];
        }
    }

    public void Observe(int requestIndex, long intendedTicks, in TransportResult result)
    {
        var slot = Interlocked.Increment(ref count) - 1;
        if (slot < entries.Length)
        {
            entries[slot] = new ObservedRequest(requestIndex, intendedTicks, result.SendTicks, result.EndTicks, result.Status, result.Error);
        }
    }
}

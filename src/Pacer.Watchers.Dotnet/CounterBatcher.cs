namespace Pacer.Watchers.Dotnet;

/// <summary>
/// Groups the runtime's counter values into one batch per interval. The runtime writes every counter of an interval in one
/// burst, so a batch is complete when it holds every counter the watcher reads, or, on a runtime that lacks one of them, when
/// a counter it already holds arrives again (the next interval has begun).
/// </summary>
internal sealed class CounterBatcher
{
    private Dictionary<string, CounterPayload> _pending = new(StringComparer.Ordinal);

    /// <summary>Adds one value; returns the batch it completed, or null while the batch is still filling.</summary>
    public IReadOnlyDictionary<string, CounterPayload>? Add(CounterPayload payload)
    {
        if (!RuntimeCounters.Read.Contains(payload.Name))
        {
            return null;
        }

        IReadOnlyDictionary<string, CounterPayload>? completed = null;
        if (_pending.ContainsKey(payload.Name))
        {
            completed = _pending;
            _pending = new Dictionary<string, CounterPayload>(StringComparer.Ordinal);
        }

        _pending[payload.Name] = payload;
        if (completed is null && _pending.Count == RuntimeCounters.Read.Count)
        {
            completed = _pending;
            _pending = new Dictionary<string, CounterPayload>(StringComparer.Ordinal);
        }

        return completed;
    }
}

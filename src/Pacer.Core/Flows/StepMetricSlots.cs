namespace Pacer.Core.Flows;

/// <summary>Where one WebSocket step's own metrics (<c>ws_msg_rtt{step:NAME}</c> …) are in the recorder's custom metrics, by metric.</summary>
internal sealed class StepMetricSlots(IReadOnlyList<KeyValuePair<string, int>> slots)
{
    /// <summary>The slot of the step's own <paramref name="metric"/>, or null when the step keeps none of it.</summary>
    public int? TryGet(string metric)
    {
        // A step keeps at most three: a walk is cheaper than a hash.
        for (var i = 0; i < slots.Count; i++)
        {
            if (string.Equals(slots[i].Key, metric, StringComparison.Ordinal))
            {
                return slots[i].Value;
            }
        }

        return null;
    }
}

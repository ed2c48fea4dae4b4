using System.Globalization;

namespace Pacer.Watchers.Dotnet;

/// <summary>
/// One EventCounter value as the runtime sends it once an interval: a gauge's mean (<c>CounterType: Mean</c>) or a cumulative
/// counter's increment over the interval (<c>CounterType: Sum</c>), with the interval the runtime itself measured.
/// </summary>
/// <param name="Name">The counter's name (<c>gc-heap-size</c>, <c>alloc-rate</c> …).</param>
/// <param name="Value">The mean for a gauge, the increment over <paramref name="IntervalSeconds"/> for a counter.</param>
/// <param name="IntervalSeconds">The time this value covers, as the runtime measured it.</param>
/// <param name="IsIncrement">True for a cumulative counter's increment, false for a gauge.</param>
/// <param name="Units">The runtime's display unit (<c>MB</c>, <c>B</c>, <c>ms</c>, <c>%</c>, or empty).</param>
internal sealed record CounterPayload(string Name, double Value, double IntervalSeconds, bool IsIncrement, string Units)
{
    /// <summary>
    /// Reads the inner <c>Payload</c> dictionary of an <c>EventCounters</c> event; null when it is not a counter value (a field
    /// missing or of another type): a malformed event is skipped rather than read as zero.
    /// </summary>
    public static CounterPayload? TryRead(IDictionary<string, object> fields)
    {
        if (!fields.TryGetValue("Name", out var name) || name is not string counterName || counterName.Length == 0)
        {
            return null;
        }

        var isIncrement = fields.TryGetValue("CounterType", out var type) && type is string kind
            ? kind == "Sum"
            : fields.ContainsKey("Increment");
        if (!TryNumber(fields, isIncrement ? "Increment" : "Mean", out var value)
            || !TryNumber(fields, "IntervalSec", out var interval)
            || !double.IsFinite(value)
            || !(interval > 0))
        {
            return null;
        }

        var units = fields.TryGetValue("DisplayUnits", out var unit) && unit is string text ? text : string.Empty;
        return new CounterPayload(counterName, value, interval, isIncrement, units);
    }

    private static bool TryNumber(IDictionary<string, object> fields, string key, out double value)
    {
        value = 0;
        if (!fields.TryGetValue(key, out var raw))
        {
            return false;
        }

        switch (raw)
        {
            case double d:
                value = d;
                return true;
            case float f:
                value = f;
                return true;
            case IConvertible convertible when raw is not string:
                value = convertible.ToDouble(CultureInfo.InvariantCulture);
                return true;
            default:
                return false;
        }
    }
}

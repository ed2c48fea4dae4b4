namespace Pacer.Core.Monitoring;

/// <summary>
/// The names a <see cref="TargetUnit"/> has in the result file (<c>cores</c>, <c>bytes_per_second</c> …, docs/results-schema.md#target),
/// one table both ways so the writer, the reports and the threshold units read the same strings.
/// </summary>
public static class TargetUnits
{
    /// <summary>The unit's name in the result file.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns><c>count</c>, <c>per_second</c>, <c>cores</c>, <c>bytes</c>, <c>bytes_per_second</c>, <c>ratio</c> or <c>ms</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not one of the enum's values.</exception>
    public static string ToName(TargetUnit unit) => unit switch
    {
        TargetUnit.Count => "count",
        TargetUnit.PerSecond => "per_second",
        TargetUnit.Cores => "cores",
        TargetUnit.Bytes => "bytes",
        TargetUnit.BytesPerSecond => "bytes_per_second",
        TargetUnit.Ratio => "ratio",
        TargetUnit.Milliseconds => "ms",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "not a target unit"),
    };

    /// <summary>The unit a result file's name stands for.</summary>
    /// <param name="name">A name as <see cref="ToName"/> writes it (exact, lower case).</param>
    /// <param name="unit">The unit, when the name is known.</param>
    /// <returns>True when <paramref name="name"/> is a unit's name.</returns>
    public static bool TryParse(string? name, out TargetUnit unit)
    {
        foreach (var candidate in Enum.GetValues<TargetUnit>())
        {
            if (string.Equals(ToName(candidate), name, StringComparison.Ordinal))
            {
                unit = candidate;
                return true;
            }
        }

        unit = default;
        return false;
    }
}

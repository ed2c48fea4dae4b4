namespace Pacer.Core.Monitoring;

/// <summary>
/// The names a <see cref="TargetUnit"/> has in the result file (<c>cores</c>, <c>bytes_per_second</c> …, docs/results-schema.md#target),
/// written in one place. Reading goes by these strings (reports, threshold units), not back to the enum: a result file is
/// read in Results, before Monitoring, and a unit a newer Pacer adds must still be shown.
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
}

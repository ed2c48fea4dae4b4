namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// The unit a scraped or queried value gets, from Prometheus' naming conventions (base units as suffixes): <c>_bytes</c> are
/// bytes, <c>_ratio</c> a share, <c>_seconds</c> are shown in milliseconds like every duration in Pacer's results.
/// </summary>
internal static class ScrapeUnits
{
    /// <summary>The unit of a value read as it is (a gauge, a quantile) and the factor that converts it.</summary>
    public static (TargetUnit Unit, double Scale) OfValue(string name) => name switch
    {
        _ when name.EndsWith("_bytes", StringComparison.Ordinal) => (TargetUnit.Bytes, 1),
        _ when name.EndsWith("_ratio", StringComparison.Ordinal) => (TargetUnit.Ratio, 1),
        _ when name.EndsWith("_seconds", StringComparison.Ordinal) => (TargetUnit.Milliseconds, 1000),
        _ when name.EndsWith("_milliseconds", StringComparison.Ordinal) || name.EndsWith("_ms", StringComparison.Ordinal) => (TargetUnit.Milliseconds, 1),
        _ => (TargetUnit.Count, 1),
    };

    /// <summary>The unit of a counter turned into a per-second rate: bytes/s for <c>_bytes_total</c>, cores for CPU seconds, else events/s.</summary>
    public static TargetUnit OfRate(string name)
    {
        var stem = StripSuffix(StripSuffix(name, "_total"), "_sum");
        if (stem.EndsWith("_bytes", StringComparison.Ordinal)) return TargetUnit.BytesPerSecond;
        // CPU seconds per second of wall time is cores busy (process_cpu_seconds_total, container_cpu_usage_seconds_total).
        if (stem.EndsWith("_seconds", StringComparison.Ordinal) && stem.Contains("cpu", StringComparison.Ordinal)) return TargetUnit.Cores;
        return TargetUnit.PerSecond;
    }

    /// <summary>The unit of a PromQL query's values, from the name the plan gives it (a query's result has no type).</summary>
    public static (TargetUnit Unit, double Scale) OfQuery(string name) => name switch
    {
        _ when name.EndsWith("_bytes_per_second", StringComparison.Ordinal) => (TargetUnit.BytesPerSecond, 1),
        _ when name.EndsWith("_per_second", StringComparison.Ordinal) || name.EndsWith("_rate", StringComparison.Ordinal) => (TargetUnit.PerSecond, 1),
        _ when name.EndsWith("_cores", StringComparison.Ordinal) => (TargetUnit.Cores, 1),
        _ => OfValue(name),
    };

    private static string StripSuffix(string name, string suffix) =>
        name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] : name;
}

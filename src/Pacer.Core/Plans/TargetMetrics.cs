namespace Pacer.Core.Plans;

/// <summary>
/// The standard names of the target's watched metrics (docs/watching.md) with the unit each is read in, as the result file writes
/// units. A plan's thresholds are checked against them before the run: an unknown <c>target_*</c> name gets a suggestion, and a
/// unit that cannot fit the metric (<c>target_memory: max&lt;70ms</c>) is a plan error. Scraped and queried metrics have their
/// own names; a threshold names them with <c>{source:metrics}</c> or <c>{source:prometheus}</c>, and their unit is checked when judged.
/// </summary>
internal static class TargetMetrics
{
    /// <summary>Standard name → unit (<c>count</c>, <c>per_second</c>, <c>cores</c>, <c>bytes</c>, <c>bytes_per_second</c>, <c>ratio</c>).</summary>
    public static IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["target_cpu"] = "cores",
        ["target_cpu_user"] = "cores",
        ["target_cpu_system"] = "cores",
        ["target_memory"] = "bytes",
        ["target_memory_peak"] = "bytes",
        ["target_threads"] = "count",
        ["target_fds"] = "count",
        ["target_processes"] = "count",
        ["target_ctx_voluntary"] = "per_second",
        ["target_ctx_involuntary"] = "per_second",
        ["target_read_bytes"] = "bytes_per_second",
        ["target_write_bytes"] = "bytes_per_second",
        ["target_network"] = "bytes_per_second",
        ["target_network_rx"] = "bytes_per_second",
        ["target_network_tx"] = "bytes_per_second",
        ["target_throttled"] = "ratio",
        ["target_throttled_time"] = "ratio",
        ["target_oom_kills"] = "count",
        ["target_cpu_pressure"] = "ratio",
        ["target_memory_pressure"] = "ratio",
        ["target_io_pressure"] = "ratio",
        ["dotnet_gc_heap"] = "bytes",
        ["dotnet_gc_gen0"] = "per_second",
        ["dotnet_gc_gen1"] = "per_second",
        ["dotnet_gc_gen2"] = "per_second",
        ["dotnet_gc_time"] = "ratio",
        ["dotnet_threadpool_queue"] = "count",
        ["dotnet_threadpool_threads"] = "count",
        ["dotnet_exceptions"] = "per_second",
        ["dotnet_alloc_rate"] = "bytes_per_second",
    };

    /// <summary>The source kinds a threshold's <c>{source:…}</c> tag may name.</summary>
    public static IReadOnlyList<string> SourceKinds { get; } = ["command", "pid", "cgroup", "dotnet", "metrics", "prometheus"];

    /// <summary>Kinds whose metrics carry their own names (scraped or queried), not the standard ones.</summary>
    public static IReadOnlyList<string> NamedSourceKinds { get; } = ["metrics", "prometheus"];

    /// <summary>Whether <paramref name="metric"/> names a target metric by its prefix (<c>target_</c>, <c>dotnet_</c>).</summary>
    public static bool HasTargetPrefix(string metric) =>
        metric.StartsWith("target_", StringComparison.Ordinal) || metric.StartsWith("dotnet_", StringComparison.Ordinal);

    /// <summary>Whether a threshold on <paramref name="metric"/> with <paramref name="tags"/> judges a watched target metric.</summary>
    public static bool IsTarget(string metric, IReadOnlyList<KeyValuePair<string, string>> tags) =>
        Units.ContainsKey(metric) || tags.Any(t => t.Key == "source");

    /// <summary>The aggregations a target metric takes, as written in thresholds, for error messages.</summary>
    public const string AllowedText = "avg, min, max, med, p(N) over its per-second values, last, and rate (the mean of a ratio or per-second metric)";

    /// <summary>Whether <paramref name="aggregation"/> means anything for a target metric in <paramref name="unit"/> (null: not known yet).</summary>
    public static bool Allows(ThresholdAggregation aggregation, string? unit) => aggregation switch
    {
        ThresholdAggregation.Avg or ThresholdAggregation.Min or ThresholdAggregation.Max or ThresholdAggregation.Med
            or ThresholdAggregation.Percentile or ThresholdAggregation.Last or ThresholdAggregation.Value => true,
        ThresholdAggregation.Rate => unit is null or "ratio" or "per_second" or "bytes_per_second",
        _ => false,
    };

    /// <summary>
    /// Why a bound in <paramref name="boundUnit"/> cannot be compared with a metric read in <paramref name="metricUnit"/>, or null
    /// when it can (a bound without a unit is in the metric's own unit; % needs a ratio, or cores or bytes with a limit).
    /// </summary>
    public static string? UnitMismatch(string metric, string metricUnit, string? boundUnit) => boundUnit switch
    {
        null => null,
        "%" when metricUnit is "ratio" or "cores" or "bytes" => null,
        "%" => $"'%' does not apply to {metric}, read in {metricUnit}: % is of a limit (cores, bytes) or a ratio itself",
        _ when boundUnit == metricUnit => null,
        _ => $"a bound in {Words(boundUnit)} does not fit {metric}, read in {Words(metricUnit)}",
    };

    /// <summary>A unit name as a reader says it.</summary>
    public static string Words(string unit) => unit switch
    {
        "bytes_per_second" => "bytes per second (B/s, Mbps …)",
        "per_second" => "events per second",
        "ms" => "time (ms, s …)",
        "bytes" => "bytes (B, kB, MB, GB, KiB …)",
        "cores" => "cores",
        "ratio" => "a ratio (0–1, or %)",
        _ => unit,
    };
}

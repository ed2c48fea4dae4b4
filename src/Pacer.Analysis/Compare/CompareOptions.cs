namespace Pacer.Analysis.Compare;

/// <summary>How strict a comparison is.</summary>
public sealed record CompareOptions
{
    /// <summary>Relative change that matters, for every metric without its own (default 5%).</summary>
    public double Threshold { get; init; } = 0.05;

    /// <summary>Per-metric thresholds, e.g. <c>p99</c> → 0.10.</summary>
    public IReadOnlyDictionary<string, double> MetricThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>Absolute differences in milliseconds below this are ignored for latency metrics (default 0.05 ms).</summary>
    public double NoiseFloorMs { get; init; } = 0.05;

    /// <summary>Error rates: an absolute rise that matters (default 0.5 percentage points).</summary>
    public double ErrorRateGate { get; init; } = 0.005;

    /// <summary>Confidence level of every interval, 0 to 1 (default 0.95: 95% intervals).</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Bootstrap resamples per row that is bootstrapped (default 2,000).</summary>
    public int Resamples { get; init; } = 2000;

    /// <summary>The threshold for <paramref name="metric"/>.</summary>
    public double ThresholdFor(string metric) => MetricThresholds.TryGetValue(metric, out var t) ? t : Threshold;
}

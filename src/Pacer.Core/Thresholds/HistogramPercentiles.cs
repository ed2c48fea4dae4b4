using Pacer.Core.Recording;

namespace Pacer.Core.Thresholds;

/// <summary>Adapts a microsecond HDR histogram to the millisecond percentiles thresholds compare.</summary>
internal sealed class HistogramPercentiles(LatencyHistogram histogram) : IPercentileSource
{
    public double PercentileMs(double percentile) => histogram.ValueAtPercentile(percentile) / 1000.0;
}

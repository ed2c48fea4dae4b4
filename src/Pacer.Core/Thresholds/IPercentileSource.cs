namespace Pacer.Core.Thresholds;

/// <summary>Any percentile of a trend metric, in milliseconds.</summary>
public interface IPercentileSource
{
    /// <summary>The value at <paramref name="percentile"/> (0–100), in milliseconds.</summary>
    double PercentileMs(double percentile);
}

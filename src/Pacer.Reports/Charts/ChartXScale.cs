namespace Pacer.Reports.Charts;

/// <summary>How a chart's x axis is laid out.</summary>
internal enum ChartXScale
{
    /// <summary>Evenly, as for time.</summary>
    Linear,

    /// <summary>By nines of percentile (0, 90, 99, 99.9, …), as for a latency-by-percentile chart; x values are percentiles 0..100.</summary>
    Nines,
}

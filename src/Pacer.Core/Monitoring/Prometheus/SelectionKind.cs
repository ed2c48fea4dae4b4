namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>How a selected metric becomes readings.</summary>
internal enum SelectionKind
{
    /// <summary>A per-second rate of the summed increase (counter resets handled).</summary>
    Counter,

    /// <summary>The summed value.</summary>
    Gauge,

    /// <summary>p50/p95/p99 of the second's bucket increases, and the observations per second.</summary>
    Histogram,

    /// <summary>The summary's own quantiles, and the observations per second.</summary>
    Summary,
}

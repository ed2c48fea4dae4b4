namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>A metric family's type as a <c># TYPE</c> line declares it (text format 0.0.4 and OpenMetrics 1.0).</summary>
internal enum MetricType
{
    /// <summary>No <c># TYPE</c> line, or <c>untyped</c> / OpenMetrics <c>unknown</c>.</summary>
    Untyped,
    Counter,
    Gauge,
    Histogram,
    Summary,
    GaugeHistogram,
    StateSet,
    Info,
}

namespace Pacer.Core.Plans;

/// <summary>k6's four metric types.</summary>
public enum MetricKind
{
    /// <summary>A running total (http_reqs, iterations, data_sent …): count and per-second rate.</summary>
    Counter,
    /// <summary>A fraction of samples that were non-zero (http_req_failed, checks).</summary>
    Rate,
    /// <summary>A distribution of values (http_req_duration …): avg, min, max, med, p(N).</summary>
    Trend,
    /// <summary>A value that goes up and down (vus): last, min, max.</summary>
    Gauge,
}

namespace Pacer.Analysis.Inputs;

/// <summary>Which way is better for a quantity.</summary>
public enum MetricDirection
{
    /// <summary>Latency, error rate, time per operation, bytes allocated.</summary>
    LowerIsBetter,

    /// <summary>Throughput.</summary>
    HigherIsBetter,
}

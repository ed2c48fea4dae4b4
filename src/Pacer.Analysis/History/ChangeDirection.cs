namespace Pacer.Analysis.History;

/// <summary>Whether a change made the series worse or better, by the series' <see cref="HistorySeries.Direction"/>.</summary>
public enum ChangeDirection
{
    /// <summary>Worse: latency or error rate up, throughput down.</summary>
    Regression,

    /// <summary>Better.</summary>
    Improvement,
}

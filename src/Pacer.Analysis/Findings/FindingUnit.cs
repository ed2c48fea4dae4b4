namespace Pacer.Analysis.Findings;

/// <summary>What a piece of evidence counts, so each report writes it in its own number format.</summary>
public enum FindingUnit
{
    /// <summary>CPU cores (1.96).</summary>
    Cores,

    /// <summary>Bytes.</summary>
    Bytes,

    /// <summary>Bytes per minute (a growth rate).</summary>
    BytesPerMinute,

    /// <summary>Milliseconds (a latency).</summary>
    Milliseconds,

    /// <summary>A fraction 0..1, written as a percentage.</summary>
    Ratio,

    /// <summary>A moment of the run: seconds from its start, the key of <see cref="Pacer.Core.Results.RunResult.Series"/>.</summary>
    Second,

    /// <summary>A plain count (virtual users).</summary>
    Count,

    /// <summary>Per second (iterations per second).</summary>
    PerSecond,
}

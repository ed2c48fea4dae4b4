namespace Pacer.Core.Monitoring;

/// <summary>What a watched metric's values count; decides how reports write them and which threshold units apply.</summary>
public enum TargetUnit
{
    /// <summary>A plain number (threads, open files, a gauge scraped without a unit).</summary>
    Count,

    /// <summary>Events per second (context switches, collections, a scraped counter turned into a rate).</summary>
    PerSecond,

    /// <summary>CPU time per second of wall time: 1.5 is one and a half cores busy.</summary>
    Cores,

    /// <summary>Bytes (memory).</summary>
    Bytes,

    /// <summary>Bytes per second (disk or network traffic, allocation rate).</summary>
    BytesPerSecond,

    /// <summary>A share from 0 to 1 (time throttled, time in GC, pressure stall).</summary>
    Ratio,

    /// <summary>Milliseconds (a scraped latency quantile).</summary>
    Milliseconds,
}

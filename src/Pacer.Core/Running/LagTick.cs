namespace Pacer.Core.Running;

/// <summary>The scheduling lag of one tick (about a second) of a run: how many requests it covers and how many were late.</summary>
/// <param name="Samples">Requests (arrivals, or resumptions of virtual users) whose lag was recorded in the tick.</param>
/// <param name="Late">Of those, how many were more than <see cref="GeneratorVerdict.LagLimitMs"/> late.</param>
internal readonly record struct LagTick(long Samples, long Late)
{
    /// <summary>More than 1% of the tick's requests were late: its own lag p99 is above the limit.</summary>
    public bool IsLate => Late > 0 && Late * 100 > Samples;
}

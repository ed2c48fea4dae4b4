namespace Pacer.Core.Recording;

/// <summary>The scheduling lag of one tick (about a second) of a run: how many requests it covers and how many were late.</summary>
/// <param name="Samples">Requests (arrivals, or resumptions of virtual users) whose lag was recorded in the tick.</param>
/// <param name="Late">Of those, how many were more than <see cref="GeneratorVerdict.LagLimitMs"/> late.</param>
internal readonly record struct LagTick(long Samples, long Late)
{
    /// <summary>
    /// Most of the tick's requests were late (its lag median is above the limit): the generator was behind for that second,
    /// not hit by one hiccup.
    /// </summary>
    public bool IsLate => Late > 0 && Late * 2 > Samples;
}

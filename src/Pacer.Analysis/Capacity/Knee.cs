namespace Pacer.Analysis.Capacity;

/// <summary>
/// Where the latency–load curve bends upward (the knee of the hockey stick), found two ways that must roughly agree.
/// </summary>
/// <param name="Kneedle">The load at the knee by Kneedle (Satopää et al. 2011): the point farthest below the chord of the normalised curve.</param>
/// <param name="LMethod">The load at the knee by the L-method (Salvador &amp; Chan 2004): the split where two straight lines fit the curve best.</param>
/// <param name="Agree">Whether the two land within one measured step of each other.</param>
public sealed record Knee(double Kneedle, double LMethod, bool Agree)
{
    /// <summary>The knee reported: Kneedle's, as the one users know; the L-method is its cross-check.</summary>
    public double Load => Kneedle;
}

namespace Pacer.Analysis.Statistics;

/// <summary>
/// A tiny seeded random generator (Steele, Lea &amp; Flood's SplitMix64). System.Random's seeded sequence is not promised to stay
/// the same across .NET versions; this one is fixed by its code, so a bootstrap interval for a given seed never changes.
/// Statistically good for resampling; not for security.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    /// <summary>The generator's whole state, advanced by a fixed odd constant each draw.</summary>
    private ulong state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits()
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A uniformly random integer from 0 to <paramref name="bound"/> − 1 (<paramref name="bound"/> ≥ 1).</summary>
    public int Below(int bound)
    {
        // Lemire's multiply-shift maps 64 random bits onto [0, bound); rejecting the few low products that would favour some
        // results keeps every outcome exactly equally likely.
        var range = (ulong)bound;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var product = Math.BigMul(NextBits(), range, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }
}

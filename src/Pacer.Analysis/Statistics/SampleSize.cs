namespace Pacer.Analysis.Statistics;

/// <summary>Planning figures: how many more runs would settle a comparison that is still inconclusive.</summary>
public static class SampleSize
{
    /// <summary>
    /// Estimates how many runs a side would make a confidence interval clear of a threshold, so that the comparison can say
    /// for certain which side of it the effect is on. The interval is effect ± halfWidth; a half-width shrinks with the square
    /// root of the runs, h′ = h·√(n / n′), and the interval is clear once h′ &lt; |effect − threshold|, that is once
    /// n′ &gt; n·(h / |effect − threshold|)². It assumes the effect and the run-to-run noise stay as observed and ignores the
    /// t quantile shrinking as degrees of freedom grow, which makes the estimate slightly conservative for few runs.
    /// </summary>
    /// <param name="effect">The observed relative effect, e.g. 0.04 for current 4% above baseline.</param>
    /// <param name="halfWidth">The half-width of its confidence interval with <paramref name="runs"/> runs a side; zero or more.</param>
    /// <param name="runs">The runs a side the interval came from; at least one.</param>
    /// <param name="threshold">The effect that matters, on the same scale, e.g. 0.05 for "more than 5% slower".</param>
    /// <returns>
    /// The total runs a side (not additional runs), the smallest n′ satisfying the inequality and at least 2 (the fewest a
    /// t-interval can use); or null when the effect is right at the threshold, where no number of runs settles it (also when the
    /// answer would not fit an int).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A figure is not finite, the half-width is negative, or runs is below 1.</exception>
    public static int? RunsToSettle(double effect, double halfWidth, int runs, double threshold)
    {
        if (!double.IsFinite(effect))
        {
            throw new ArgumentOutOfRangeException(nameof(effect), effect, "The effect must be a finite number.");
        }

        if (!double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a finite number.");
        }

        if (!(halfWidth >= 0 && double.IsFinite(halfWidth)))
        {
            throw new ArgumentOutOfRangeException(nameof(halfWidth), halfWidth, "The half-width must be a finite number, zero or more.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);

        var gap = Math.Abs(effect - threshold);
        if (gap == 0)
        {
            return null;
        }

        var ratio = halfWidth / gap;
        var boundary = runs * ratio * ratio;

        // Strictly more than the boundary: at n′ = boundary the interval would just touch the threshold.
        var needed = Math.Floor(boundary) + 1;
        return needed > int.MaxValue ? null : Math.Max(2, (int)needed);
    }
}

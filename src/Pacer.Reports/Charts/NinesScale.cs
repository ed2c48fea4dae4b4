namespace Pacer.Reports.Charts;

/// <summary>
/// The HdrHistogram-style percentile axis: each "nine" (90%, 99%, 99.9%, …) gets equal width, so the tail that matters is not squashed
/// against the right edge. A percentile p sits at -log10(1 − p/100) nines, clamped at <see cref="MaxPercentile"/>.
/// </summary>
internal sealed class NinesScale
{
    /// <summary>The highest percentile drawn; 99.999 is five nines.</summary>
    public const double MaxPercentile = 99.999;

    private static readonly double[] TickPercentiles = [0, 90, 99, 99.9, 99.99, 99.999];

    /// <summary>A percentile axis from 0 at <paramref name="rangeStart"/> to <see cref="MaxPercentile"/> at <paramref name="rangeEnd"/> pixels.</summary>
    public NinesScale(double rangeStart, double rangeEnd)
        : this(rangeStart, rangeEnd, MaxPercentile)
    {
    }

    /// <summary>
    /// A percentile axis that ends at <paramref name="endPercentile"/> (clamped to 90..<see cref="MaxPercentile"/>): where the data
    /// stops, so 2,402 samples are not drawn out to a 99.999th percentile they cannot have.
    /// </summary>
    public NinesScale(double rangeStart, double rangeEnd, double endPercentile)
    {
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
        EndPercentile = double.IsFinite(endPercentile) ? Math.Clamp(endPercentile, 90, MaxPercentile) : MaxPercentile;
    }

    /// <summary>The percentile at <see cref="RangeEnd"/>.</summary>
    public double EndPercentile { get; }

    /// <summary>The pixel for percentile 0.</summary>
    public double RangeStart { get; }

    /// <summary>The pixel for <see cref="EndPercentile"/> and above.</summary>
    public double RangeEnd { get; }

    /// <summary>The number of nines of <see cref="MaxPercentile"/> (5).</summary>
    public static double MaxNines { get; } = Nines(MaxPercentile);

    /// <summary>How many nines <paramref name="percentile"/> is: -log10(1 − p/100), clamped to 0..<see cref="MaxNines"/>.</summary>
    public static double Nines(double percentile)
    {
        if (double.IsNaN(percentile) || percentile <= 0)
        {
            return 0;
        }

        // Clamping before the log keeps 100 (log of zero) and above from running off to infinity.
        return percentile >= MaxPercentile ? -Math.Log10(1 - (MaxPercentile / 100)) : -Math.Log10(1 - (percentile / 100));
    }

    /// <summary>The pixel for <paramref name="percentile"/> (0..100).</summary>
    public double Map(double percentile) =>
        RangeStart + (Math.Min(Nines(percentile), Nines(EndPercentile)) / Nines(EndPercentile) * (RangeEnd - RangeStart));

    /// <summary>The tick percentiles up to <see cref="EndPercentile"/>: 0, 90, 99, 99.9, 99.99 and 99.999 on a full axis.</summary>
    public IReadOnlyList<double> Ticks() => [.. TickPercentiles.Where(t => t <= EndPercentile + 1e-9)];

    /// <summary>A percentile label such as "99.9%".</summary>
    public string Format(double percentile) => LinearScale.FormatNumber(percentile) + "%";
}

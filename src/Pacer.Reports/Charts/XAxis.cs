namespace Pacer.Reports.Charts;

/// <summary>A chart's x axis over either a <see cref="LinearScale"/> or a <see cref="NinesScale"/>, so drawing code need not care which.</summary>
internal sealed class XAxis
{
    private readonly LinearScale? linear;
    private readonly NinesScale? nines;

    private XAxis(LinearScale? linear, NinesScale? nines, IReadOnlyList<double> ticks)
    {
        this.linear = linear;
        this.nines = nines;
        Ticks = ticks;
    }

    /// <summary>The tick values, in data units.</summary>
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>An axis of kind <paramref name="kind"/> spanning <paramref name="points"/> across <paramref name="plot"/>.</summary>
    /// <param name="kind">Linear or nines.</param>
    /// <param name="points">The data, for a linear axis's range.</param>
    /// <param name="plot">The plot area.</param>
    /// <param name="approxTicks">About how many ticks a linear axis gets.</param>
    /// <param name="ninesEnd">Where a nines axis ends (null: at <see cref="NinesScale.MaxPercentile"/>).</param>
    public static XAxis Create(ChartXScale kind, IEnumerable<(double X, double Y)> points, PlotArea plot, int approxTicks, double? ninesEnd = null)
    {
        if (kind == ChartXScale.Nines)
        {
            var scale = new NinesScale(plot.Left, plot.Right, ninesEnd ?? NinesScale.MaxPercentile);
            return new XAxis(null, scale, scale.Ticks());
        }

        var data = LinearScale.FromValues(points.Select(p => p.X), plot.Left, plot.Right);
        var nice = data.Nice(approxTicks);
        var ticks = nice.Ticks(approxTicks);

        // The axis starts on a round tick but ends where the data ends: a 31-second run drawn on an axis to 40 s would leave a
        // quarter of every chart empty. A round end just past the data (20 s for a run whose last point is 19.99 s) is kept,
        // and so is one when fewer than two ticks would remain inside the data.
        var inside = ticks.Where(t => t <= data.DomainMax).ToList();
        var slack = 0.02 * (nice.DomainMax - nice.DomainMin);
        if (double.IsFinite(data.DomainMax) && data.DomainMax > nice.DomainMin && inside.Count >= 2 && nice.DomainMax - data.DomainMax > slack)
        {
            return new XAxis(new LinearScale(nice.DomainMin, data.DomainMax, plot.Left, plot.Right), null, inside);
        }

        return new XAxis(nice, null, ticks);
    }

    /// <summary>The pixel column for <paramref name="x"/>.</summary>
    public double Map(double x) => nines?.Map(x) ?? linear!.Map(x);

    /// <summary>A tick label.</summary>
    public string Format(double tick) => nines?.Format(tick) ?? linear!.Format(tick);

    /// <summary>A data value for the hover layer: the full number (a percentile such as 99.95 keeps its digits, unlike a tick).</summary>
    public string FormatValue(double x) => nines is null ? LinearScale.FormatNumber(x) : LinearScale.FormatNumber(x) + "%";
}

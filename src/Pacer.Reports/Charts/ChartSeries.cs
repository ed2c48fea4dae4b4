namespace Pacer.Reports.Charts;

/// <summary>One line of a chart: its legend <paramref name="Name"/>, its points, and the CSS class that gives it a colour.</summary>
/// <param name="Name">The legend and hover label.</param>
/// <param name="Points">The data points; the chart sorts them by x and drops non-finite ones.</param>
/// <param name="CssClass">A class from the report's stylesheet (for example "series-1"); colours live there so light and dark themes both work.</param>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string CssClass)
{
    /// <summary>
    /// Drawn as steps rather than straight segments: each point's value holds until the next point's x, where the line jumps.
    /// For curves read out of a histogram, whose values change in jumps; a slope between two buckets would show values never seen.
    /// </summary>
    public bool Step { get; init; }
}

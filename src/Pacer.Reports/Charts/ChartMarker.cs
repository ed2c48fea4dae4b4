namespace Pacer.Reports.Charts;

/// <summary>A vertical line across a chart's plot at <paramref name="X"/> (in data units), labelled at its top.</summary>
/// <param name="X">Where the line stands, in the x axis's units (a percentile on a nines axis).</param>
/// <param name="Label">What it marks, written just left of the line.</param>
internal sealed record ChartMarker(double X, string Label);

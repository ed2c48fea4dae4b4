namespace Pacer.Reports.Charts;

/// <summary>The rectangle a chart draws its data in, inside the margins that hold the axes, in pixels.</summary>
/// <param name="Left">The x of the y axis.</param>
/// <param name="Top">The y of the highest value.</param>
/// <param name="Right">The x of the right edge.</param>
/// <param name="Bottom">The y of the x axis.</param>
internal readonly record struct PlotArea(double Left, double Top, double Right, double Bottom);

using System.Globalization;
using System.Text;
using Pacer.Reports.Charts;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Html;

/// <summary>A tiny inline SVG of a latency-by-percentile step curve for a table cell, with its scale; x is laid out by nines so the tail gets room.</summary>
internal static class Sparkline
{
    private const double Width = 120;
    private const double Height = 24;
    private const double Pad = 2;

    /// <summary>Steps at most in a table cell's curve: about one per pixel column.</summary>
    public const int Steps = 60;

    /// <summary>
    /// A step curve of a request's latency by percentile with its scale beside it: the y axis runs from 0 to the value printed on
    /// top, the x axis from p0 to the percentile printed below (the last one the sample count supports). Empty without a curve.
    /// </summary>
    public static string RenderCurve(SpectrumCurve? curve, string label)
    {
        if (curve is null)
        {
            return string.Empty;
        }

        var points = curve.Points;
        var end = NinesScale.Nines(Math.Max(curve.End, 90));
        var maxY = points.Max(p => p.Y);
        maxY = maxY > 0 ? maxY : 1;
        double X(double percentile) => Pad + (Math.Min(NinesScale.Nines(percentile), end) / end * (Width - (2 * Pad)));
        double Y(double ms) => Height - Pad - (ms / maxY * (Height - (2 * Pad)));
        var d = new StringBuilder();
        foreach (var (x, y) in points)
        {
            d.Append(d.Length == 0 ? "M" + N(X(x)) + "," + N(Y(y)) : " H" + N(X(x)) + " V" + N(Y(y)));
        }

        var scaleTop = Units.Duration(points.Max(p => p.Y));
        var scaleEnd = curve.LastSupported is { } last ? "p0 to p" + last.ToString(CultureInfo.InvariantCulture) : "p0 to max";
        return "<span class=\"spark-cell\">"
            + $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\">"
            + $"<path class=\"line series-1\" fill=\"none\" d=\"{d}\"/></svg>"
            + $"<span class=\"spark-scale\"><span>{System.Net.WebUtility.HtmlEncode(scaleTop)}</span><span>{scaleEnd}</span></span></span>";

        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    }
}

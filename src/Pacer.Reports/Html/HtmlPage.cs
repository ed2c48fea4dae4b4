using System.Net;
using System.Text;

namespace Pacer.Reports.Html;

/// <summary>
/// The frame every HTML report shares: head with the inlined stylesheet, the tooltip and its script at the end, escaping, and the
/// <c>&lt;figure&gt;</c> each chart sits in. One place, so the run page and the compare page look, print and behave alike.
/// </summary>
internal static class HtmlPage
{
    /// <summary>Starts a document titled "Pacer · <paramref name="title"/>" with <paramref name="heading"/> as its first line.</summary>
    public static StringBuilder Open(string title, string heading)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">\n")
            .Append("<title>Pacer · ").Append(Encode(title)).Append("</title>\n<style>\n")
            .Append(ReportAssets.Css).Append("\n</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Encode(heading)).Append("</h1>\n");
        return html;
    }

    /// <summary>Ends the document: the tooltip element the script fills, the script, and the closing tags.</summary>
    public static string Close(StringBuilder html)
    {
        html.Append("<div id=\"tooltip\" hidden></div>\n<script>\n").Append(ReportAssets.Script).Append("\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Appends a rendered chart inside its own <c>&lt;figure&gt;</c>, the markup every report page uses for a chart.</summary>
    public static void Figure(StringBuilder html, string svg) => html.Append("<figure class=\"chart\">").Append(svg).Append("</figure>\n");

    /// <summary>
    /// A full-width chart's view box (<see cref="WideFigure"/>): as wide as the page, so its text is drawn at the page's own size
    /// rather than scaled up. The run and compare pages share it so their charts and chart text read the same size.
    /// </summary>
    public const int FullChartWidth = 1200;

    /// <summary>A full-width chart's view-box height.</summary>
    public const int FullChartHeight = 300;

    /// <summary>
    /// Appends a chart that spans the page's full width (drawn with a page-wide view box, so its text keeps the page's size);
    /// <see cref="Figure"/> keeps a chart at most 960 px wide, as the compare page's are.
    /// </summary>
    public static void WideFigure(StringBuilder html, string svg) => html.Append("<figure class=\"chart wide\">").Append(svg).Append("</figure>\n");

    /// <summary>A right-aligned number cell.</summary>
    public static string Td(string text) => "<td>" + Encode(text) + "</td>";

    /// <summary>Text made safe for element content and quoted attributes.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}

using System.Text;
using Pacer.Analysis.Findings;
using Pacer.Core.Results;
using Pacer.Reports.Formatting;

namespace Pacer.Reports.Html;

/// <summary>The run page's findings (docs/watching.md#findings): what limited the service, ranked, near the top of the page.</summary>
internal static class FindingsList
{
    public static void Write(StringBuilder html, RunResult result)
    {
        var report = RunFindings.Analyze(result);
        html.Append("<h2 id=\"findings\">Findings</h2>\n");
        if (report.Findings.Count > 0)
        {
            html.Append("<ol class=\"findings\">\n");
            foreach (var finding in report.Findings)
            {
                html.Append("<li data-kind=\"").Append(E(finding.Kind.ToString())).Append("\"><strong>").Append(E(finding.Title)).Append("</strong>: ")
                    .Append(E(FindingText.Sentence(finding))).Append("</li>\n");
            }

            html.Append("</ol>\n");
        }

        if (!report.TargetWatched || report.Findings.Count == 0)
        {
            var note = !report.TargetWatched ? (report.Findings.Count == 0 ? "None; " : string.Empty) + FindingText.NotWatched : FindingText.NoneFound;
            html.Append("<p class=\"note findings-note\">").Append(E(char.ToUpperInvariant(note[0]) + note[1..])).Append(".</p>\n");
        }
    }

    private static string E(string text) => HtmlPage.Encode(text);
}

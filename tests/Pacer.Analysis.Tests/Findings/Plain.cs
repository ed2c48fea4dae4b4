using System.Globalization;
using Pacer.Analysis.Findings;

namespace Pacer.Analysis.Tests.Findings;

/// <summary>A finding's sentence with its evidence written plainly (two decimals at most), for asserting on the words and numbers together.</summary>
internal static class Plain
{
    public static string Text(Finding finding) => finding.Text(e => e.Value.ToString("0.##", CultureInfo.InvariantCulture));

    public static FindingEvidence Evidence(this Finding finding, string name) => Assert.Single(finding.Evidence, e => e.Name == name);
}

using System.Xml.Linq;
using Pacer.Analysis.Compare;
using Pacer.Reports.Junit;

namespace Pacer.Reports.Compare;

/// <summary>The comparison as JUnit XML: each row a test case; a regression is a failure.</summary>
internal static class CompareJUnitWriter
{
    public static string Write(ComparisonReport report)
    {
        var failures = report.Rows.Count(r => r.Verdict == Verdict.Regressed);
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", "pacer compare"),
            new XAttribute("tests", report.Rows.Count),
            new XAttribute("failures", failures),
            report.Rows.Select(row => new XElement(
                "testcase",
                new XAttribute("classname", row.Metric),
                new XAttribute("name", row.Group),
                new XElement("system-out", $"{CompareText.Value(row.Baseline, row.Unit)} → {CompareText.Value(row.Current, row.Unit)}: {CompareText.Change(row)}, {CompareText.P(row)}, {CompareText.Verdict(row)} ({row.Method})"),
                row.Verdict == Verdict.Regressed
                    ? new XElement("failure", new XAttribute("message", $"{row.Group} {row.Metric} regressed {CompareText.Change(row)} (threshold {CompareText.Threshold(row)})"))
                    : null)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), JUnitText.Sanitize(new XElement("testsuites", suite))).ToString();
    }
}

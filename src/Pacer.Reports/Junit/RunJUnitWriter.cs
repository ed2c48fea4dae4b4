using System.Globalization;
using System.Xml.Linq;
using Pacer.Core.Results;
using ThresholdActual = Pacer.Reports.Console.ThresholdActual;

namespace Pacer.Reports.Junit;

/// <summary>A run as JUnit XML for CI systems: each threshold a test case, failing when it failed; an aborted run or a
/// saturated generator or a run in which no request got a response adds a failing case of its own, so a CI view never shows green for numbers that cannot be trusted.</summary>
internal static class RunJUnitWriter
{
    public static string Write(RunResult result)
    {
        var cases = result.Thresholds.Select(t => Case(
            t.Metric,
            t.Expression,
            t.Passed ? null : $"{t.Metric} {t.Expression}: actual {ThresholdActual.Format(result, t)}{(t.Note is null ? string.Empty : $" ({t.Note})")}")).ToList();
        if (result.Aborted)
        {
            cases.Add(Case("run", "completed", $"aborted: {result.AbortReason}"));
        }

        if (result.NotPassedReason is { } reason)
        {
            cases.Add(Case("run", "got responses", reason));
        }

        if (result.Generator is { Saturated: true })
        {
            cases.Add(Case("generator", "kept up", "the load generator was saturated; see the warnings in the result file"));
        }

        var suite = new XElement(
            "testsuite",
            new XAttribute("name", $"pacer: {result.Plan.Name}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("time", result.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            cases);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), JUnitText.Sanitize(new XElement("testsuites", suite))).ToString();
    }

    private static XElement Case(string classname, string name, string? failure) =>
        new("testcase", new XAttribute("classname", classname), new XAttribute("name", name), failure is null ? null : new XElement("failure", new XAttribute("message", failure)));
}

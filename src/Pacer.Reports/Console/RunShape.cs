using System.Globalization;
using Pacer.Core.Results;

namespace Pacer.Reports.Console;

/// <summary>How a run is described in every report's header: its load model(s), and its load period apart from the drain.</summary>
internal static class RunShape
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// "open model", "closed model", or for a plan whose scenarios run under different models, which ran under which:
    /// "mixed model (open: browse, buy · closed: admin)".
    /// </summary>
    public static string Model(RunResult result)
    {
        var plan = result.Plan;
        if (!string.Equals(plan.Model, "mixed", StringComparison.Ordinal))
        {
            return plan.Model + " model";
        }

        var byModel = plan.ScenarioModels.GroupBy(m => m.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(m => m.Key)));
        return "mixed model (" + string.Join(" · ", byModel) + ")";
    }

    /// <summary>
    /// "30.0 s of load of 30.0 s planned, then a 2.7 s drain (148 requests completed in it)": rates are over the load period,
    /// so the drain is told apart. Files from before the load period was recorded give the whole run.
    /// </summary>
    public static string Duration(RunResult result)
    {
        var planned = result.Plan.PlannedDurationSeconds;
        if (result.LoadSeconds is not { } load)
        {
            return string.Create(Inv, $"{result.DurationSeconds:0.0} s of {planned:0.0} s planned");
        }

        var text = string.Create(Inv, $"{load:0.0} s of load of {planned:0.0} s planned");
        if (result.Drain is { } drain)
        {
            var failed = drain.Failures > 0 ? string.Create(Inv, $", {drain.Failures:#,0} failed") : string.Empty;
            text += string.Create(Inv, $", then a {drain.Seconds:0.0} s drain ({drain.Requests:#,0} requests completed in it{failed})");
        }

        return text;
    }
}

using Pacer.Core.Results;
using Pacer.Reports.Formatting;

namespace Pacer.Reports.Console;

/// <summary>How a run is described in every report's header: its load model(s), and its load period apart from the drain.</summary>
internal static class RunShape
{
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
    /// "30.0 s of load of 30 s planned, then a 2.70 s drain (148 requests completed in it)": rates are over the load period,
    /// so the drain is told apart. Files from before the load period was recorded give the whole run. Measured times are
    /// <see cref="Units.Duration(double)"/>, the planned one exactly as planned (a 1 ms plan is not "0.0 s").
    /// </summary>
    public static string Duration(RunResult result)
    {
        var planned = Units.PlanDuration(result.Plan.PlannedDurationSeconds);
        if (result.LoadSeconds is not { } load)
        {
            return $"{Seconds(result.DurationSeconds)} of {planned} planned";
        }

        var text = $"{Seconds(load)} of load of {planned} planned";
        // A drain that took no measurable time and completed nothing (every request ended with the load) is not worth a
        // clause: "then a 0 ms drain (0 requests completed in it)" reads as a number that cannot be meant.
        if (result.Drain is { } drain && (drain.Requests > 0 || drain.Seconds >= 0.0005))
        {
            var failed = drain.Failures > 0 ? $", {Units.Count(drain.Failures)} failed" : string.Empty;
            text += $", then a {Seconds(drain.Seconds)} drain ({Units.Count(drain.Requests)} requests completed in it{failed})";
        }

        return text;
    }

    private static string Seconds(double seconds) => Units.Duration(seconds * 1000);
}

using System.Globalization;
using Pacer.Core.Plans;
using Pacer.Core.Recording;

namespace Pacer.Core.Thresholds;

/// <summary>
/// Watches a plan's thresholds: once a second during the run for abortOnFail (on the engine's ticker), and once at the end for the verdicts.
/// </summary>
internal sealed class ThresholdMonitor(LoadPlan plan)
{
    private readonly IReadOnlyList<string> methods = [.. plan.Requests.Select(r => r.Method)];

    /// <summary>The threshold that aborted the run, if one did.</summary>
    public ThresholdSpec? AbortedBy { get; private set; }

    /// <summary>When it did.</summary>
    public TimeSpan AbortedAt { get; private set; }

    /// <summary>The reason to abort now, or null. Only abortOnFail thresholds past their delayAbortEval are looked at.</summary>
    public string? CheckAbort(RecorderTotals totals, TimeSpan elapsed)
    {
        foreach (var spec in plan.Thresholds)
        {
            if (!spec.AbortOnFail || AbortedBy is not null)
            {
                continue;
            }

            var verdict = ThresholdEvaluator.Evaluate(spec, Snapshot(totals, spec, elapsed), Evidence(totals));
            if (ThresholdEvaluator.ShouldAbort(spec, verdict, elapsed))
            {
                AbortedBy = spec;
                AbortedAt = elapsed;
                return string.Create(CultureInfo.InvariantCulture, $"threshold {spec.Key} {spec.Text} failed at {elapsed.TotalSeconds:0.0} s (abortOnFail)");
            }
        }

        return null;
    }

    /// <summary>Every threshold's verdict on the final totals, in plan order.</summary>
    public IReadOnlyList<ThresholdVerdict> EvaluateFinal(RecorderTotals totals, TimeSpan elapsed) =>
        [.. plan.Thresholds.Select(spec => ThresholdEvaluator.Evaluate(spec, Snapshot(totals, spec, elapsed), Evidence(totals)))];

    private static RunEvidence Evidence(RecorderTotals totals) => new(totals.Requests, totals.Responses);

    private MetricSnapshot? Snapshot(RecorderTotals totals, ThresholdSpec spec, TimeSpan elapsed) =>
        RecorderMetricView.Snapshot(totals, methods, spec.Metric, spec.Tags, elapsed);
}

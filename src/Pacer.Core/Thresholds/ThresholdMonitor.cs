using System.Globalization;
using Pacer.Core.Plans;
using Pacer.Core.Recording;

namespace Pacer.Core.Thresholds;

/// <summary>
/// Watches a plan's thresholds: once a second during the run for abortOnFail (on the engine's ticker), and once at the end for
/// the verdicts. Both read the <see cref="MetricCatalog"/> over the recorder's totals, as the result file does.
/// </summary>
internal sealed class ThresholdMonitor(LoadPlan plan)
{
    /// <summary>The threshold that aborted the run, if one did.</summary>
    public ThresholdSpec? AbortedBy { get; private set; }

    /// <summary>When it did.</summary>
    public TimeSpan AbortedAt { get; private set; }

    /// <summary>
    /// The catalogue of <paramref name="totals"/> whose load period has lasted <paramref name="loadPeriod"/> (its whole length
    /// once the run is over): every rate is over it, never over the drain after it, as in the result file and the summary.
    /// </summary>
    /// <param name="totals">The recorder's totals.</param>
    /// <param name="loadPeriod">The load period so far.</param>
    /// <param name="target">The watched target's metrics, once the run is over (target thresholds are judged on them then).</param>
    public MetricCatalog Catalog(RecorderTotals totals, TimeSpan loadPeriod, TargetData? target = null)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return new MetricCatalog(new RecorderMetricSource(plan, totals, loadPeriod) { Target = target });
    }

    /// <summary>The catalogue <paramref name="elapsed"/> into the run: the load period so far, or all of it once it is over.</summary>
    private MetricCatalog CatalogAt(RecorderTotals totals, TimeSpan elapsed) =>
        Catalog(totals, totals.LoadPeriod is { } load && load < elapsed ? load : elapsed);

    /// <summary>The reason to abort now, or null. Only abortOnFail thresholds past their delayAbortEval are looked at.</summary>
    public string? CheckAbort(RecorderTotals totals, TimeSpan elapsed)
    {
        MetricCatalog? catalog = null;
        foreach (var spec in plan.Thresholds)
        {
            if (!spec.AbortOnFail || AbortedBy is not null)
            {
                continue;
            }

            catalog ??= CatalogAt(totals, elapsed);
            var verdict = catalog.Judge(spec);
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
    public IReadOnlyList<ThresholdVerdict> EvaluateFinal(RecorderTotals totals, TimeSpan elapsed) => EvaluateFinal(CatalogAt(totals, elapsed));

    /// <summary>Every threshold's verdict on <paramref name="catalog"/>, in plan order.</summary>
    public IReadOnlyList<ThresholdVerdict> EvaluateFinal(MetricCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. plan.Thresholds.Select(catalog.Judge)];
    }
}

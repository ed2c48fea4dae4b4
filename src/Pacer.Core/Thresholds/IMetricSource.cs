namespace Pacer.Core.Thresholds;

/// <summary>
/// Recorded data in the one shape the <see cref="MetricCatalog"/> reads: the live recorder's totals during and after a run
/// (<see cref="RecorderMetricSource"/>), or a saved result file (Results' <c>SavedResultMetricSource</c>). The catalogue alone
/// turns it into named, tagged metrics, so whatever the source, a metric means the same thing and thresholds get the same answer.
/// </summary>
internal interface IMetricSource
{
    /// <summary>Seconds of the load period, to the millisecond as the result file records it: every counter's rate is over it.</summary>
    double LoadSeconds { get; }

    /// <summary>Every request together.</summary>
    RequestFigures All { get; }

    /// <summary>Per request name (or scenario step), in plan order.</summary>
    IReadOnlyList<RequestFigures> PerName { get; }

    /// <summary>Per HTTP status (0: no response), ascending.</summary>
    IReadOnlyList<StatusFigures> Statuses { get; }

    /// <summary>Failures by error kind name (<c>refused</c>, <c>timeout</c> …).</summary>
    IReadOnlyDictionary<string, long> Errors { get; }

    /// <summary>Scenario iterations started; null for a request mix, where each request is an iteration.</summary>
    long? Iterations { get; }

    /// <summary>Arrivals dropped before they were sent.</summary>
    long Dropped { get; }

    /// <summary>The <c>vus</c> gauge.</summary>
    GaugeFigures Vus { get; }

    /// <summary>Check passes and failures per check name, in plan order.</summary>
    IReadOnlyList<CheckFigures> Checks { get; }

    /// <summary>Scenario group durations per group name, in plan order.</summary>
    IReadOnlyList<GroupFigures> Groups { get; }

    /// <summary>The plan's own metrics, in plan order.</summary>
    IReadOnlyList<CustomFigures> Custom { get; }

    /// <summary>What was watched of the target (its per-second metrics); null when nothing was, or not yet (during the run).</summary>
    TargetData? Target { get; }
}

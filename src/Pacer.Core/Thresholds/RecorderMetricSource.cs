using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Transport;

namespace Pacer.Core.Thresholds;

/// <summary>
/// The live recorder's totals as a metric source, during the run (abortOnFail, on the ticker thread that updates them) and after
/// it (the verdicts and the result file). Nothing is copied: the figures are the recorder's own, read as of its last tick.
/// </summary>
internal sealed class RecorderMetricSource : IMetricSource
{
    private readonly RecorderTotals totals;

    /// <summary>
    /// The totals of a run of <paramref name="plan"/> whose load period has lasted <paramref name="period"/> so far (its whole
    /// length once it is over).
    /// </summary>
    public RecorderMetricSource(LoadPlan plan, RecorderTotals totals, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(plan);
        this.totals = totals;

        // Rounded to the millisecond as the result file writes it, so a rate read back from the file is the same number.
        LoadSeconds = Math.Round(period.TotalSeconds, 3);
        All = new RequestFigures(string.Empty, string.Empty, totals.Requests, totals.Failures, totals.BytesSent, totals.BytesReceived, totals.Latency, totals.ExpectedLatency, totals.FailedLatency, totals.ServiceTime, totals.QueueTime);
        PerName = [.. totals.PerRequest.Select((r, i) => new RequestFigures(r.Name, plan.Requests[i].Method, r.Requests, r.Failures, r.BytesSent, r.BytesReceived, r.Latency, r.ExpectedLatency, r.FailedLatency, r.ServiceTime, r.QueueTime))];
        Iterations = plan.Scenarios.Count == 0 ? null : totals.Iterations;
    }

    public double LoadSeconds { get; }

    public RequestFigures All { get; }

    public IReadOnlyList<RequestFigures> PerName { get; }

    public IReadOnlyList<StatusFigures> Statuses => [.. totals.Statuses.OrderBy(s => s.Key).Select(s => new StatusFigures(s.Key, s.Value.Count, s.Value.Latency))];

    public IReadOnlyDictionary<string, long> Errors => totals.Errors.Where(e => e.Value > 0).ToDictionary(e => e.Key.ToName(), e => e.Value, StringComparer.Ordinal);

    public long? Iterations { get; }

    /// <summary>The watched target's metrics, given once the run is over and its watchers' series are in; null before.</summary>
    public TargetData? Target { get; init; }

    public long Dropped => totals.Dropped;

    public GaugeFigures Vus => new(totals.ActiveValue, totals.ActiveMin, totals.ActiveMax, totals.Intervals.Count);

    public IReadOnlyList<CheckFigures> Checks => [.. totals.Checks.Names.Select((name, i) => new CheckFigures(name, totals.Checks.Passes(i), totals.Checks.Fails(i)))];

    public IReadOnlyList<GroupFigures> Groups => [.. totals.Groups.Names.Select((name, i) => new GroupFigures(name, totals.Groups.Totals[i]))];

    public IReadOnlyList<CustomFigures> Custom
    {
        get
        {
            var custom = totals.Custom;
            return [.. custom.Specs.Select((spec, i) => new CustomFigures(spec, custom.Trues(i), custom.Totals(i), custom.Trends[i]))];
        }
    }
}

using Pacer.Core.Transport;

namespace Pacer.Core.Recording;

/// <summary>
/// The recorder's running totals. Updated only on the ticker thread (inside <see cref="RunRecorder.Tick"/>), so readers on that
/// thread — progress, abortOnFail thresholds — and readers after the final tick see a consistent picture.
/// </summary>
internal sealed class RecorderTotals
{
    internal RecorderTotals(IReadOnlyList<string> names)
    {
        PerRequest = [.. names.Select(n => new RequestTotals(n))];
        NameSeries = new NameSeries(names.Count);
    }

    public IReadOnlyList<RequestTotals> PerRequest { get; }

    public long Requests { get; internal set; }

    public long Failures { get; internal set; }

    public long BytesSent { get; internal set; }

    public long BytesReceived { get; internal set; }

    public long Dropped { get; internal set; }

    /// <summary>Scenario iterations started (always 0 in a request mix, where each request is an iteration).</summary>
    public long Iterations { get; internal set; }

    /// <summary>Requests whose timestamps were out of order and were floored (see <see cref="RunRecorder.Clamped"/>).</summary>
    public long Clamped { get; internal set; }

    /// <summary>The <c>vus</c> gauge's value: the count when the load period ended (or now, while it lasts).</summary>
    public int ActiveValue { get; internal set; }

    /// <summary>The <c>vus</c> gauge's smallest count during the load period.</summary>
    public int ActiveMin { get; internal set; }

    /// <summary>The <c>vus</c> gauge's largest count during the load period.</summary>
    public int ActiveMax { get; internal set; }

    /// <summary>The load period so far (its full length once over); null when the schedule's clock never started.</summary>
    public TimeSpan? LoadPeriod { get; internal set; }

    /// <summary>Requests that completed after the load period, in the drain (included in <see cref="Requests"/>).</summary>
    public long DrainRequests { get; internal set; }

    /// <summary>Of <see cref="DrainRequests"/>, how many failed.</summary>
    public long DrainFailures { get; internal set; }

    /// <summary>All request names together.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Latency of expected responses only (no error): k6's <c>{expected_response:true}</c>.</summary>
    public LatencyHistogram ExpectedLatency { get; } = new();

    /// <summary>Latency of failed requests only (abandoned ones as a lower bound).</summary>
    public LatencyHistogram FailedLatency { get; } = new();

    /// <summary>Service time of requests that got a response (a failure without one has none).</summary>
    public LatencyHistogram ServiceTime { get; } = new();

    public LatencyHistogram QueueTime { get; } = new();

    public Dictionary<int, StatusTotals> Statuses { get; } = [];

    /// <summary>Requests that got a response of any status (those under status 0 got none).</summary>
    public long Responses => Statuses.Where(s => s.Key != 0).Sum(s => s.Value.Count);

    /// <summary>Requests given up on at the end of the grace period (<see cref="ErrorKind.Abandoned"/>).</summary>
    public long Abandoned => Errors.GetValueOrDefault(ErrorKind.Abandoned);

    public Dictionary<ErrorKind, long> Errors { get; } = [];

    public List<IntervalStats> Intervals { get; } = [];

    /// <summary>The per-second figures of the metrics that keep a series (the WebSocket ones), aligned with <see cref="Intervals"/>.</summary>
    public List<MetricSecond[]> MetricSeconds { get; } = [];

    /// <summary>Each name's figures per tick (see <see cref="Recording.NameSeries"/> for its bound), aligned with <see cref="Intervals"/>.</summary>
    public NameSeries NameSeries { get; }

    /// <summary>Requests in flight over time, from their own timestamps (complete once the run is over).</summary>
    public InFlightTimeline InFlight { get; internal set; } = new();

    /// <summary>Check passes and failures (scenario plans); live counters, not drained.</summary>
    public CheckTally Checks { get; internal set; } = new([]);

    /// <summary>The plan's own metrics: trends as of the last tick, rates and counters live.</summary>
    public CustomMetrics Custom { get; internal set; } = new([]);

    /// <summary>Scenario group durations as of the last tick.</summary>
    public GroupDurations Groups { get; internal set; } = new([]);
}

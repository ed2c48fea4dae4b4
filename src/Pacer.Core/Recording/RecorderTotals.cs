using Pacer.Core.Transport;

namespace Pacer.Core.Recording;

/// <summary>
/// The recorder's running totals. Updated only on the ticker thread (inside <see cref="RunRecorder.Tick"/>), so readers on that
/// thread — progress, abortOnFail thresholds — and readers after the final tick see a consistent picture.
/// </summary>
internal sealed class RecorderTotals
{
    internal RecorderTotals(IReadOnlyList<string> names) => PerRequest = [.. names.Select(n => new RequestTotals(n))];

    public IReadOnlyList<RequestTotals> PerRequest { get; }

    public long Requests { get; internal set; }

    public long Failures { get; internal set; }

    public long BytesSent { get; internal set; }

    public long BytesReceived { get; internal set; }

    public long Dropped { get; internal set; }

    /// <summary>Requests whose timestamps were out of order and were floored (see <see cref="RunRecorder.Clamped"/>).</summary>
    public long Clamped { get; internal set; }

    public int ActiveMin { get; internal set; }

    public int ActiveMax { get; internal set; }

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

    /// <summary>Check passes and failures (scenario plans); live counters, not drained.</summary>
    public CheckTally Checks { get; internal set; } = new([]);

    /// <summary>The plan's own metrics: trends as of the last tick, rates and counters live.</summary>
    public CustomMetrics Custom { get; internal set; } = new([]);

    /// <summary>Scenario group durations as of the last tick.</summary>
    public GroupDurations Groups { get; internal set; } = new([]);
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pacer.Core.Platform;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Recording;

/// <summary>
/// Where the engine writes every request. Recording is lock-free and allocation-free (interlocked counters and
/// <see cref="ConcurrentLatencyHistogram"/>s); once a second one ticker thread drains it into <see cref="Totals"/> and an
/// <see cref="IntervalStats"/>. Per request: latency = end − intended start, service time = end − send, queue time = send − intended start.
/// </summary>
/// <remarks>
/// Every request enters the latency (http_req_duration, as in k6); a failure is kept apart as well, so the latency of expected
/// responses (<c>{expected_response:true}</c>) can be told from it. Service and queue time exist only for requests that got a
/// response: a refused or reset connection has no service time, and a zero would pass for a fast service.
/// </remarks>
internal sealed class RunRecorder
{
    private const int MaxStatus = 600;

    /// <summary>
    /// Plans with up to this many request names get every histogram at construction, before the clock starts, so no request
    /// pays for a 94 kB allocation; larger plans get them with each name's first value, since most of their names may never
    /// be sent and 1.3 MB a name up front made 10,000 names take gigabytes.
    /// </summary>
    private const int EagerNames = 64;
    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private readonly NameShard[] names;
    private readonly ConcurrentLatencyHistogram?[] statuses = new ConcurrentLatencyHistogram?[MaxStatus];
    private readonly long[] errors = new long[Enum.GetValues<ErrorKind>().Length];
    private readonly LatencyHistogram scratch = new();
    private readonly LatencyHistogram interval = new();
    private readonly LatencyHistogram nameInterval = new();
    private long dropped;
    private long iterations;
    private long clamped;
    private long drainRequests;
    private long drainFailures;

    public RunRecorder(IReadOnlyList<string> requestNames, IReadOnlyList<string>? checkNames = null, IReadOnlyList<Plans.CustomMetricSpec>? customMetrics = null, IReadOnlyList<string>? groupNames = null, TickSource? ticks = null)
    {
        Period = new LoadPeriod(ticks);
        Groups = new GroupDurations(groupNames ?? []);
        Custom = new CustomMetrics(customMetrics ?? []);
        names = [.. requestNames.Select(_ => new NameShard())];
        Totals = new RecorderTotals(requestNames);
        Checks = new CheckTally(checkNames ?? []);
        Totals.Checks = Checks;
        Totals.Custom = Custom;
        Totals.Groups = Groups;
        Vus = new ActivityGauge(Period);
        Totals.InFlight = InFlight;
        scratch.Allocate();
        interval.Allocate();
        nameInterval.Allocate();
        NameIntervals = new NameInterval[requestNames.Count];
        foreach (var total in (LatencyHistogram[])[Totals.Latency, Totals.ExpectedLatency, Totals.FailedLatency, Totals.ServiceTime, Totals.QueueTime])
        {
            total.Allocate();
        }

        if (names.Length <= EagerNames)
        {
            foreach (var shard in names)
            {
                shard.Allocate();
            }

            foreach (var named in Totals.PerRequest)
            {
                foreach (var histogram in (LatencyHistogram[])[named.Latency, named.ExpectedLatency, named.FailedLatency, named.ServiceTime, named.QueueTime])
                {
                    histogram.Allocate();
                }
            }
        }
    }

    /// <summary>The load period on the schedule's clock: rates are over it, what ends after it completed in the drain.</summary>
    public LoadPeriod Period { get; }

    /// <summary>The <c>vus</c> gauge: virtual users running (closed model) or iterations in progress (open model).</summary>
    public ActivityGauge Vus { get; }

    /// <summary>Requests in flight over time, from their own send and end timestamps.</summary>
    public InFlightTimeline InFlight { get; } = new();

    /// <summary>Durations of scenario groups, per group name.</summary>
    public GroupDurations Groups { get; }

    /// <summary>The plan's own metrics (scenario <c>record</c> entries); trends are drained on each tick.</summary>
    public CustomMetrics Custom { get; }

    /// <summary>Passes and failures of the plan's checks (scenario plans), read directly: counters need no draining.</summary>
    public CheckTally Checks { get; }

    /// <summary>Totals as of the last <see cref="Tick"/>.</summary>
    public RecorderTotals Totals { get; }

    /// <summary>
    /// The last <see cref="Tick"/>'s figures per request name, in plan order (the live per-name view observers get); overwritten
    /// by each tick, so a reader copies what it keeps.
    /// </summary>
    public NameInterval[] NameIntervals { get; }

    /// <summary>Sees each request's raw timestamps as it is recorded (the truth tests); null in a normal run.</summary>
    public IRequestObserver? Observer { get; init; }
    /// <summary>
    /// Starts the schedule's clock at <paramref name="startTicks"/>: the load period runs <paramref name="planned"/> from then
    /// (or until <see cref="LoadPeriod.EndAt"/>), and the in-flight timeline counts its seconds from then.
    /// </summary>
    public void StartClock(long startTicks, TimeSpan planned)
    {
        Period.Start(startTicks, planned);
        InFlight.Start(startTicks);
    }

    /// <summary>Records one finished request. Hot path: any thread, no lock, no allocation (after a status is first seen).</summary>
    [MethodImpl(HotPath.Shared)]
    public void RecordRequest(int requestIndex, long intendedTicks, in TransportResult result)
    {
        Observer?.Observe(requestIndex, intendedTicks, in result);
        var shard = names[requestIndex];
        if (result.SendTicks < intendedTicks || result.EndTicks < result.SendTicks)
        {
            // Out of order: sent before it was meant to start, or answered before it was sent. Floored below, so never silent.
            Interlocked.Increment(ref clamped);
        }

        var latency = ToMicros(result.EndTicks - intendedTicks);
        (result.Error == ErrorKind.None ? shard.Latency : shard.FailedLatency).Record(latency);
        if (result.Status != 0)
        {
            shard.ServiceTime.Record(ToMicros(result.EndTicks - result.SendTicks));
            shard.QueueTime.Record(ToMicros(result.SendTicks - intendedTicks));
        }

        ref var counters = ref shard.Counters;
        Interlocked.Increment(ref counters.Requests);
        Interlocked.Add(ref counters.BytesSent, result.BytesSent);
        Interlocked.Add(ref counters.BytesReceived, result.BytesReceived);
        if (result.Error != ErrorKind.None)
        {
            Interlocked.Increment(ref counters.Failures);
            Interlocked.Increment(ref errors[(int)result.Error]);
            Interlocked.Increment(ref shard.Errors[(int)result.Error]);
        }

        StatusHistogram(result.Status).Record(latency);
        InFlight.Record(result.SendTicks, result.EndTicks);
        if (result.EndTicks > Period.EndTicks)
        {
            // Completed in the drain, after the load period: counted in every total, and reported apart.
            Interlocked.Increment(ref drainRequests);
            if (result.Error != ErrorKind.None)
            {
                Interlocked.Increment(ref drainFailures);
            }
        }
    }

    /// <summary>
    /// Records a request given up on at the end of the grace period: a failure of kind <see cref="ErrorKind.Abandoned"/>, whose
    /// latency is what it had waited by <paramref name="nowTicks"/> — a lower bound, since its answer never came. It has no
    /// service or queue time (no response). Not the hot path: it runs once per request in flight at cancellation.
    /// </summary>
    public void RecordAbandoned(int requestIndex, long intendedTicks, long nowTicks) =>
        RecordRequest(requestIndex, intendedTicks, new TransportResult(0, ErrorKind.Abandoned, nowTicks, nowTicks, 0, 0));

    /// <summary>
    /// Requests whose timestamps were out of order (sent before their intended start, or ended before they were sent), so a
    /// negative queue or service time was floored to 0. Always 0 unless the engine has a bug; the result warns when it is not.
    /// </summary>
    public long Clamped => Interlocked.Read(ref clamped);

    /// <summary>Counts an arrival that was dropped before it was sent.</summary>
    public void RecordDropped() => Interlocked.Increment(ref dropped);

    /// <summary>Counts a scenario iteration that started (k6's <c>iterations</c>: a journey, not its requests).</summary>
    public void RecordIteration() => Interlocked.Increment(ref iterations);

    /// <summary>Drains everything recorded since the last tick into <see cref="Totals"/> and returns the interval. One thread only.</summary>
    public IntervalStats Tick(double elapsedSeconds)
    {
        var totals = Totals;
        var metricSeconds = Custom.Drain();
        Groups.Drain();
        interval.Reset();
        long requests = 0, failures = 0, sent = 0, received = 0;
        for (var i = 0; i < names.Length; i++)
        {
            var shard = names[i];
            var named = totals.PerRequest[i];

            nameInterval.Reset();
            scratch.Reset();
            shard.Latency.DrainInto(scratch);
            named.Latency.Add(scratch);
            named.ExpectedLatency.Add(scratch);
            interval.Add(scratch);
            nameInterval.Add(scratch);
            totals.Latency.Add(scratch);
            totals.ExpectedLatency.Add(scratch);

            scratch.Reset();
            shard.FailedLatency.DrainInto(scratch);
            named.Latency.Add(scratch);
            named.FailedLatency.Add(scratch);
            interval.Add(scratch);
            nameInterval.Add(scratch);
            totals.Latency.Add(scratch);
            totals.FailedLatency.Add(scratch);

            scratch.Reset();
            shard.ServiceTime.DrainInto(scratch);
            named.ServiceTime.Add(scratch);
            totals.ServiceTime.Add(scratch);

            scratch.Reset();
            shard.QueueTime.DrainInto(scratch);
            named.QueueTime.Add(scratch);
            totals.QueueTime.Add(scratch);

            ref var c = ref shard.Counters;
            var r = Interlocked.Read(ref c.Requests);
            var f = Interlocked.Read(ref c.Failures);
            var s = Interlocked.Read(ref c.BytesSent);
            var b = Interlocked.Read(ref c.BytesReceived);
            NameIntervals[i] = r == named.Requests ? default : NameInterval.Of(r - named.Requests, f - named.Failures, nameInterval);
            requests += r - named.Requests;
            failures += f - named.Failures;
            sent += s - named.BytesSent;
            received += b - named.BytesReceived;
            named.Requests = r;
            named.Failures = f;
            for (var kind = 1; kind < shard.Errors.Length; kind++)
            {
                if (Interlocked.Read(ref shard.Errors[kind]) is var count and > 0)
                {
                    named.Errors[(ErrorKind)kind] = count;
                }
            }

            named.BytesSent = s;
            named.BytesReceived = b;
        }

        for (var status = 0; status < MaxStatus; status++)
        {
            if (Volatile.Read(ref statuses[status]) is { } histogram)
            {
                if (!totals.Statuses.TryGetValue(status, out var st))
                {
                    st = new StatusTotals();
                    totals.Statuses[status] = st;
                }

                histogram.DrainInto(st.Latency);
            }
        }

        for (var kind = 1; kind < errors.Length; kind++)
        {
            var n = Interlocked.Read(ref errors[kind]);
            if (n > 0)
            {
                totals.Errors[(ErrorKind)kind] = n;
            }
        }

        var droppedNow = Interlocked.Read(ref dropped);
        var activeNow = Vus.Current;
        var stats = new IntervalStats(
            elapsedSeconds,
            requests,
            failures,
            droppedNow - totals.Dropped,
            sent,
            received,
            activeNow,
            interval.ValueAtPercentile(50),
            interval.ValueAtPercentile(95),
            interval.ValueAtPercentile(99),
            interval.Max);

        totals.Requests += requests;
        totals.Failures += failures;
        totals.BytesSent += sent;
        totals.BytesReceived += received;
        totals.Dropped = droppedNow;
        totals.Iterations = Interlocked.Read(ref iterations);
        totals.Clamped = Clamped;
        totals.ActiveValue = Vus.Value;
        totals.ActiveMin = Vus.Min;
        totals.ActiveMax = Vus.Max;
        totals.LoadPeriod = Period.StartTicks == 0 ? null : Period.LengthAt(Period.Ticks.Now);
        totals.DrainRequests = Interlocked.Read(ref drainRequests);
        totals.DrainFailures = Interlocked.Read(ref drainFailures);
        totals.NameSeries.Add(totals.Intervals.Count, NameIntervals, totals.PerRequest);
        totals.MetricSeconds.Add(metricSeconds);
        totals.Intervals.Add(stats);
        return stats;
    }

    private ConcurrentLatencyHistogram StatusHistogram(int status)
    {
        var slot = (uint)status < MaxStatus ? status : 0;
        var existing = Volatile.Read(ref statuses[slot]);
        if (existing is not null)
        {
            return existing;
        }

        // First sight of this status: allocate once; a racing thread's copy is discarded before anything is recorded in it.
        var created = new ConcurrentLatencyHistogram();
        return Interlocked.CompareExchange(ref statuses[slot], created, null) ?? created;
    }

    private static long ToMicros(long ticks) => ticks <= 0 ? 0 : (long)(ticks * MicrosPerTick);

    private sealed class NameShard
    {
        /// <summary>Latency of expected responses; failures go to <see cref="FailedLatency"/> (one record per request either way).</summary>
        public readonly ConcurrentLatencyHistogram Latency = new();
        public readonly ConcurrentLatencyHistogram FailedLatency = new();
        public readonly ConcurrentLatencyHistogram ServiceTime = new();
        public readonly ConcurrentLatencyHistogram QueueTime = new();
        public readonly long[] Errors = new long[Enum.GetValues<ErrorKind>().Length];
        public PaddedCounters Counters;

        public void Allocate()
        {
            Latency.Allocate();
            FailedLatency.Allocate();
            ServiceTime.Allocate();
            QueueTime.Allocate();
        }
    }

    /// <summary>The counters of one request name, padded to their own cache lines so names do not slow each other down.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct PaddedCounters
    {
        [FieldOffset(64)]
        public long Requests;

        [FieldOffset(72)]
        public long Failures;

        [FieldOffset(80)]
        public long BytesSent;

        [FieldOffset(88)]
        public long BytesReceived;
    }
}

using Pacer.Core.Results;

namespace Pacer.Core.Monitoring;

/// <summary>
/// One watcher during a run: whether it may be sampled, the sample it is taking, its metrics and its errors. Its readings are
/// added by its own sample task and its errors also by the ticker (a skipped second), so both go through one lock.
/// </summary>
internal sealed class SourceWatch(ITargetWatcher watcher, TargetSource source)
{
    private readonly Lock gate = new();
    private readonly List<MetricTrack> metrics = [];
    private readonly Dictionary<string, MetricTrack> byName = new(StringComparer.Ordinal);
    private readonly List<string> errorOrder = [];
    private readonly Dictionary<string, int> errorCounts = new(StringComparer.Ordinal);
    private readonly List<string> notes = [];
    private int busy;

    public ITargetWatcher Watcher { get; } = watcher;

    public TargetSource Source { get; } = source;

    /// <summary>Cancelled when the run no longer waits for this watcher.</summary>
    public CancellationTokenSource Cancel { get; } = new();

    /// <summary>False once its start failed or a sample of it was abandoned: it is not asked again.</summary>
    public bool Active { get; set; } = true;

    /// <summary>The sample in progress, if any (null before the first).</summary>
    public Task? Sampling { get; private set; }

    /// <summary>Claims the watcher for one sample; false while the previous one still runs.</summary>
    public bool TryBegin() => Interlocked.CompareExchange(ref busy, 1, 0) == 0;

    public void Began(Task sampling) => Sampling = sampling;

    public void End() => Volatile.Write(ref busy, 0);

    public bool Busy => Volatile.Read(ref busy) == 1;

    public void Error(string message)
    {
        lock (gate)
        {
            if (errorCounts.TryGetValue(message, out var count))
            {
                errorCounts[message] = count + 1;
            }
            else
            {
                errorCounts[message] = 1;
                errorOrder.Add(message);
            }
        }
    }

    /// <summary>What the source's figures mean (not a failure), kept once.</summary>
    public void Note(string message)
    {
        lock (gate)
        {
            if (!notes.Contains(message, StringComparer.Ordinal))
            {
                notes.Add(message);
            }
        }
    }

    /// <summary>One reading for second <paramref name="t"/>; a reading that cannot go into the file is an error instead.</summary>
    public void Add(double t, string? metric, double value, TargetUnit unit, double? limit)
    {
        if (string.IsNullOrWhiteSpace(metric))
        {
            Error("a reading without a metric name was left out");
            return;
        }

        if (!double.IsFinite(value) || (limit is { } l && !double.IsFinite(l)))
        {
            Error($"{metric} read {value} (limit {limit?.ToString() ?? "none"}), which is not a number; left out");
            return;
        }

        if (!Enum.IsDefined(unit))
        {
            Error($"{metric} came with an unknown unit ({(int)unit}); left out");
            return;
        }

        lock (gate)
        {
            if (!byName.TryGetValue(metric, out var track))
            {
                track = new MetricTrack(metric, unit);
                byName[metric] = track;
                metrics.Add(track);
            }
            else if (track.Unit != unit)
            {
                // A series in two units cannot be summarised; the first unit stays and the odd readings are reported.
                Error($"{metric} changed its unit from {TargetUnits.ToName(track.Unit)} to {TargetUnits.ToName(unit)}; those readings were left out");
                return;
            }

            track.Add(MetricTrack.Round(t), MetricTrack.Round(value), limit is { } known ? MetricTrack.Round(known) : null);
        }
    }

    public (TargetSourceResult Source, IReadOnlyList<TargetMetricResult> Metrics) ToResult()
    {
        lock (gate)
        {
            var results = metrics.Select(m => m.ToResult(Source.Kind)).OfType<TargetMetricResult>().ToList();
            var seconds = results.SelectMany(m => m.Series.Select(p => p.T)).Distinct().Count();
            var errors = errorOrder.Select(e => errorCounts[e] == 1 ? e : $"{errorCounts[e]}× {e}").ToList();
            return (new TargetSourceResult(Source.Kind, Source.Address, seconds, errors) { Notes = notes.Count > 0 ? [.. notes] : null }, results);
        }
    }
}

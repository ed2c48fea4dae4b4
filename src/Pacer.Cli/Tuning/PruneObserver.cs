using Pacer.Core.Engine;
using Pacer.Core.Plans.Tuning;
using Pacer.Core.Results;

namespace Pacer.Cli.Tuning;

/// <summary>
/// Stops a trial whose first seconds are clearly worse than the best trial so far (the tune file's <c>prune:</c>): once
/// <see cref="TunePrune.After"/> has passed, the throughput so far (the mean of the per-second rates) or the p99 so far (the
/// median of the per-second p99s) is compared with the best; below the fraction (above its inverse, for p99), the run is
/// stopped and the trial kept as pruned with what it measured. CPU per request has no per-second reading, so it is not pruned.
/// </summary>
internal sealed class PruneObserver(TunePrune prune, TuneObjective objective, double best) : IRunObserver
{
    private readonly List<double> rates = [];
    private readonly List<double> p99s = [];
    private RunStopHandle? stop;

    /// <summary>Why it stopped the run, or null.</summary>
    public string? Reason { get; private set; }

    public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken)
    {
        stop = started.Stop;
        return ValueTask.CompletedTask;
    }

    public ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
    {
        if (Reason is not null || tick.All.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        rates.Add(tick.All.Rate);
        p99s.Add(tick.All.P99);
        if (tick.Elapsed < prune.After)
        {
            return ValueTask.CompletedTask;
        }

        var (sofar, worse) = objective switch
        {
            TuneObjective.Throughput => (rates.Average(), rates.Average() < best * prune.WorseThan),
            TuneObjective.P99 => (Median(p99s), Median(p99s) > best / prune.WorseThan),
            _ => (0.0, false),
        };
        if (worse)
        {
            Reason = $"pruned after {tick.Elapsed.TotalSeconds:0} s: {sofar:0.##} so far against the best trial's {best:0.##}";
            stop?.RequestStop(Reason);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

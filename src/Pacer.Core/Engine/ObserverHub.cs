using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Running;

namespace Pacer.Core.Engine;

/// <summary>
/// The engine's side of its observers: turns each of the ticker's reports into one immutable <see cref="RunTick"/> and puts
/// it in every observer's queue without waiting (<see cref="ObserverMailbox"/>), and collects what went wrong with them as
/// warnings for the result.
/// </summary>
internal sealed class ObserverHub
{
    private const double MicrosPerMs = 1000.0;
    private readonly IReadOnlyList<ObserverMailbox> mailboxes;
    private readonly IReadOnlyList<string> names;
    private TimeSpan previous;

    public ObserverHub(LoadPlan plan, IEnumerable<IRunObserver> observers, int queueLength, TimeProvider time)
    {
        names = [.. plan.Requests.Select(r => r.Name)];
        mailboxes = [.. observers.Select(o => new ObserverMailbox(o, queueLength, time))];
    }

    public void Start(RunStarted started)
    {
        foreach (var mailbox in mailboxes)
        {
            mailbox.Start(started);
        }
    }

    /// <summary>The ticker's hook: builds the tick and queues it for every observer. Runs on the ticker; never waits.</summary>
    public void Publish(TickReport report)
    {
        var tick = ToTick(report);
        foreach (var mailbox in mailboxes)
        {
            mailbox.Post(tick);
        }
    }

    public void CloseTicks()
    {
        foreach (var mailbox in mailboxes)
        {
            mailbox.CloseTicks();
        }
    }

    /// <summary>Hands every observer the result (null: the run never started, nothing to hand over) and waits for them, each bounded by <paramref name="timeout"/>.</summary>
    public async Task CompleteAsync(RunResult? result, TimeSpan timeout)
    {
        foreach (var mailbox in mailboxes)
        {
            mailbox.Complete(result);
        }

        await Task.WhenAll(mailboxes.Select(m => m.DrainAsync(timeout)));
    }

    /// <summary>Warnings about observers not taken before, in observer order.</summary>
    public IReadOnlyList<string> TakeWarnings() => [.. mailboxes.SelectMany(m => m.TakeWarnings())];

    /// <summary>The immutable tick for one report; its figures are the ones the result's series will hold for the second.</summary>
    internal RunTick ToTick(TickReport report)
    {
        var seconds = (report.Elapsed - previous).TotalSeconds;
        previous = report.Elapsed;
        var interval = report.Interval;
        var requests = new List<IntervalFigures>();
        for (var i = 0; i < report.Names.Count && i < names.Count; i++)
        {
            var n = report.Names[i];
            if (n.Requests > 0)
            {
                requests.Add(new IntervalFigures(
                    names[i],
                    n.Requests,
                    n.Failures,
                    Rate(n.Requests, seconds),
                    n.LatencyP50Micros / MicrosPerMs,
                    n.LatencyP90Micros / MicrosPerMs,
                    n.LatencyP95Micros / MicrosPerMs,
                    n.LatencyP99Micros / MicrosPerMs,
                    n.LatencyMaxMicros / MicrosPerMs));
            }
        }

        var totals = report.Totals;
        return new RunTick
        {
            Elapsed = report.Elapsed,
            Planned = report.Planned,
            IntervalSeconds = seconds,
            All = new IntervalFigures(
                RunTick.AllName,
                interval.Requests,
                interval.Failures,
                Rate(interval.Requests, seconds),
                interval.LatencyP50Micros / MicrosPerMs,
                null,
                interval.LatencyP95Micros / MicrosPerMs,
                interval.LatencyP99Micros / MicrosPerMs,
                interval.LatencyMaxMicros / MicrosPerMs),
            Requests = requests,
            Vus = interval.Active,
            Dropped = interval.Dropped,
            DataSent = interval.BytesSent,
            DataReceived = interval.BytesReceived,
            TotalRequests = totals.Requests,
            TotalErrors = totals.Failures,
            LagSamples = report.Lag.Samples,
            LateSamples = report.Lag.Late,
            LagP99 = report.LagP99Micros / MicrosPerMs,
            Live = totals,
        };
    }

    private static double Rate(long count, double seconds) => seconds > 0 ? count / seconds : 0;
}

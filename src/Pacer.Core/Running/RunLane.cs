using Pacer.Core.Flows;
using Pacer.Core.Plans;

namespace Pacer.Core.Running;

/// <summary>
/// One schedule of a run: a load profile and what its iterations do (the plan's request mix, or a set of scenarios). A plan
/// has one lane, or, when scenarios bring their own load, one per such scenario plus one for the rest; lanes run side by side
/// on one recorder. A lane that reaches the end of its schedule stops only itself; an abort stops them all.
/// </summary>
internal sealed class RunLane : IDisposable
{
    private readonly CancellationTokenSource stopping;

    public RunLane(LoadProfile load, FlowRunner? flows, CancellationToken runStopping)
    {
        Load = load;
        Flows = flows;
        stopping = CancellationTokenSource.CreateLinkedTokenSource(runStopping);
    }

    public LoadProfile Load { get; }

    /// <summary>The number of this lane's first virtual user (<c>${vu}</c>); lanes number their users one after another.</summary>
    public int FirstUser { get; init; }

    /// <summary>
    /// When this lane's load ends on the schedule's clock (Stopwatch ticks): the end of its stages, or the moment it stopped
    /// early. The run's load period ends with the last lane's.
    /// </summary>
    public long PlannedEndTicks { get; set; }

    /// <summary>The scenarios this lane runs, or null for a plain request mix.</summary>
    public FlowRunner? Flows { get; }

    /// <summary>Set when this lane should start nothing more: its schedule ended, its data ran out, or the run is stopping.</summary>
    public CancellationToken Stopping => stopping.Token;

    public void Stop()
    {
        try
        {
            stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The lane already finished and was disposed: nothing left to stop.
        }
    }

    public void Dispose() => stopping.Dispose();
}

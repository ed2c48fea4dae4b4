using Pacer.Core.Running;

namespace Pacer.Core.Engine;

/// <summary>
/// How an observer stops a run: <see cref="RequestStop"/> ends the generation of new work as an abort does (requests in
/// flight get the plan's graceful stop, then the result is built and marked aborted with the reason). Thread-safe; the first
/// reason wins (an earlier abort, a Ctrl-C or another observer's request keeps its own).
/// </summary>
public sealed class RunStopHandle
{
    private readonly StopSignal signal;

    internal RunStopHandle(StopSignal signal) => this.signal = signal;

    /// <summary>True once any observer has asked the run to stop.</summary>
    public bool StopRequested => signal.Requested;

    /// <summary>Asks the run to stop early; <paramref name="reason"/> becomes the result's <c>abort_reason</c>.</summary>
    /// <param name="reason">Why, in a few words a reader of the result understands.</param>
    public void RequestStop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        signal.Request(reason);
    }

    /// <summary>Stops the run as an internal error of the engine's own parts (the result is aborted and the run counts as failed).</summary>
    internal void Fail(Exception fault) => signal.Fail(fault);
}

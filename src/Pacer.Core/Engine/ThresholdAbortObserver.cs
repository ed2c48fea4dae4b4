using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Core.Engine;

/// <summary>
/// The plan's abortOnFail thresholds as an observer: each tick it judges them on the run's totals so far and, when one fails
/// past its delayAbortEval, stops the run with the threshold as the reason. It reads the live totals under the lock the
/// ticker merges them under, so it judges whole seconds, off the ticker. Unlike a user's observer, a failure here is an
/// internal error of the run (its verdicts could not be trusted): the run is aborted with it, as it was when the check ran
/// on the ticker.
/// </summary>
internal sealed class ThresholdAbortObserver(Func<RecorderTotals, TimeSpan, string?> check) : IRunObserver
{
    private readonly Lock gate = new();
    private RunStopHandle? stop;
    private bool closed;

    public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken)
    {
        stop = started.Stop;
        return ValueTask.CompletedTask;
    }

    public ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
    {
        if (tick.Live is not { } totals || stop is null)
        {
            return ValueTask.CompletedTask;
        }

        string? reason;
        lock (gate)
        {
            if (closed)
            {
                return ValueTask.CompletedTask;
            }

            try
            {
                lock (totals)
                {
                    reason = check(totals, tick.Elapsed);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Recorded as the run's fault, not rethrown: the run is aborted with it and its partial result kept.
                closed = true;
                stop.Fail(e);
                return ValueTask.CompletedTask;
            }
        }

        if (reason is not null)
        {
            stop.RequestStop(reason);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Judges nothing more: the run is over and its result is being built from the same monitor.</summary>
    public void Close()
    {
        lock (gate)
        {
            closed = true;
        }
    }
}

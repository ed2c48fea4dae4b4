using Pacer.Core.Results;

namespace Pacer.Core.Engine;

/// <summary>
/// Watches a run: told once when it starts, once a second with an immutable <see cref="RunTick"/>, and once when it is over.
/// Live progress, the threshold abort, exporters and dashboards are observers.
/// </summary>
/// <remarks>
/// Each observer gets its events on a task of its own, in order, through a small queue: the engine never waits for an observer
/// while load runs. An observer slower than one tick a second loses the oldest ticks it has not read yet (they are counted and
/// the result says how many); <see cref="OnStartedAsync"/> and <see cref="OnCompletedAsync"/> are never dropped. An observer
/// that throws is not called again and the result carries one warning naming it; the run goes on. To stop the run, call
/// <see cref="RunStopHandle.RequestStop"/> on <see cref="RunStarted.Stop"/>.
/// </remarks>
public interface IRunObserver
{
    /// <summary>The run is about to send load (before the warm-up): what it runs and how to stop it.</summary>
    /// <param name="started">The plan, the transport, and the stop handle.</param>
    /// <param name="cancellationToken">Cancelled when the engine stops waiting for this observer (see <see cref="EngineOptions.ObserverDrainTimeout"/>).</param>
    ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken);

    /// <summary>One second of the run.</summary>
    /// <param name="tick">The second's figures; immutable, safe to keep.</param>
    /// <param name="cancellationToken">Cancelled when the engine stops waiting for this observer.</param>
    ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken);

    /// <summary>The run is over and this is its result (the one <see cref="PacerEngine.RunAsync"/> returns, before observer warnings from this call are added).</summary>
    /// <param name="result">The finished result.</param>
    /// <param name="cancellationToken">Cancelled when the engine stops waiting for this observer.</param>
    ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken);
}

using Pacer.Core.Results;

namespace Pacer.Core.Engine;

/// <summary>
/// What <see cref="PacerEngine.RunAsync"/> gives back: the result, and how the run ended where the result file does not say
/// it (the result says <em>that</em> it was aborted and why; a caller also needs to know whether it asked for the stop itself,
/// and whether the engine failed, to decide what to do next — <c>pacer run</c> turns these into exit codes 130 and 1).
/// </summary>
/// <param name="Result">The run's result, partial and marked aborted when it stopped early.</param>
/// <param name="Interrupted">True when the caller's cancellation token stopped the run (before any other abort).</param>
/// <param name="Fault">An internal error that aborted the run after load started (a transport or runtime threw); null otherwise.</param>
public sealed record EngineRun(RunResult Result, bool Interrupted, string? Fault);

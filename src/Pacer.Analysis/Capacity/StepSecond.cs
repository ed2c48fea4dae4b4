namespace Pacer.Analysis.Capacity;

/// <summary>One second of a step, as the engine's tick reports it.</summary>
/// <param name="Completed">Requests completed per second.</param>
/// <param name="Errors">Of which failed, per second.</param>
/// <param name="P50">Median latency of the second, ms: the steady-state test reads it (a second's p95 rests on a few requests at low rates).</param>
/// <param name="P95">95th percentile latency of the second, ms: far above the limit, the step is clearly over.</param>
/// <param name="Dropped">Arrivals dropped in the second.</param>
public sealed record StepSecond(double Completed, double Errors, double P50, double P95, long Dropped);

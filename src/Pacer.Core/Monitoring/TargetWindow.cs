namespace Pacer.Core.Monitoring;

/// <summary>The span a run covered, for sources asked after it.</summary>
/// <param name="StartedUtc">When load started (second 0 of the series).</param>
/// <param name="EndedUtc">When the run ended.</param>
/// <param name="Ticks">The run's tick seconds (<see cref="TargetPoint.T"/> values), in order.</param>
public sealed record TargetWindow(DateTimeOffset StartedUtc, DateTimeOffset EndedUtc, IReadOnlyList<double> Ticks);

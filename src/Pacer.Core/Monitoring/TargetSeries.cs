namespace Pacer.Core.Monitoring;

/// <summary>A whole series of one metric, from a source asked after the run (<see cref="ITargetWatcher.AfterRunAsync"/>).</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="Unit">What its values count.</param>
/// <param name="Points">Its values, each at the run's tick second it belongs to (<see cref="TargetPoint.T"/> as in the result's series).</param>
/// <param name="Limit">The most the target may use, when known.</param>
public sealed record TargetSeries(string Metric, TargetUnit Unit, IReadOnlyList<TargetPoint> Points, double? Limit = null);

namespace Pacer.Core.Monitoring;

/// <summary>One watched metric's value for one second.</summary>
/// <param name="Metric">The metric's name (<c>target_cpu</c>, <c>target_memory</c>, a scraped metric's name …; docs/watching.md lists them).</param>
/// <param name="Value">Its value in <paramref name="Unit"/>.</param>
/// <param name="Unit">What the value counts.</param>
/// <param name="Limit">What the target may use at most in the same unit (the cores it may run on, its cgroup's <c>memory.max</c>), when known: <c>max&lt;70%</c> is judged against it.</param>
public readonly record struct TargetReading(string Metric, double Value, TargetUnit Unit, double? Limit = null);

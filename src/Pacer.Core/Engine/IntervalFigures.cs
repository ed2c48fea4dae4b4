namespace Pacer.Core.Engine;

/// <summary>
/// One second of a run for one request name (or all together): requests completed in it and their latencies, in milliseconds
/// from each request's intended start (what a user felt), successes and failures together as in the result's series.
/// </summary>
/// <param name="Name">The request name; <see cref="RunTick.AllName"/> for all requests together.</param>
/// <param name="Count">Requests completed in the second.</param>
/// <param name="Errors">Of which failed.</param>
/// <param name="Rate">Completed per second (<see cref="Count"/> over the tick's <see cref="RunTick.IntervalSeconds"/>).</param>
/// <param name="P50">Median latency, ms (0 when none completed).</param>
/// <param name="P90">90th percentile, ms (null for <see cref="RunTick.All"/>, whose series has no p90).</param>
/// <param name="P95">95th percentile, ms.</param>
/// <param name="P99">99th percentile, ms.</param>
/// <param name="Max">Largest latency, ms.</param>
public sealed record IntervalFigures(string Name, long Count, long Errors, double Rate, double P50, double? P90, double P95, double P99, double Max);

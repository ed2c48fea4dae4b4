namespace Pacer.Core.Results;

/// <summary>Totals for one HTTP status; status 0 gathers requests that got no response.</summary>
/// <param name="Status">The HTTP status code, or 0 for no response (refused, reset, timeout, abandoned …).</param>
/// <param name="Count">Requests that ended with it.</param>
/// <param name="Duration">Their latency from the intended start, in milliseconds.</param>
public sealed record StatusResult(int Status, long Count, DurationStats Duration);

namespace Pacer.Core.Results;

/// <summary>
/// One second of one request name (see <see cref="RequestResult.Series"/>). Latencies in milliseconds, from the intended start,
/// of the name's requests completed in the interval, failures included (as in <see cref="IntervalResult"/>).
/// </summary>
/// <param name="T">Seconds from the start of the run at the end of this interval (the <c>t</c> of the run's series).</param>
/// <param name="Requests">Requests of this name completed in the interval (never 0: intervals without any are left out).</param>
/// <param name="Errors">Of which failed.</param>
/// <param name="P50">Median latency of the interval.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest latency of the interval.</param>
public sealed record RequestInterval(double T, long Requests, long Errors, double P50, double P95, double P99, double Max);

namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>One sample line of an exposition: <c>name{labels} value [timestamp]</c>.</summary>
/// <param name="Name">The sample's name as written (<c>http_requests_total</c>, <c>latency_seconds_bucket</c>).</param>
/// <param name="Labels">Its labels in the order written, values unescaped.</param>
/// <param name="Value">Its value; <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c> are read as such.</param>
/// <param name="TimestampMs">Its optional timestamp in Unix milliseconds (OpenMetrics' seconds are converted).</param>
/// <param name="Line">The line it was read from (1-based), for errors.</param>
internal sealed record ExpositionSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long? TimestampMs, int Line)
{
    /// <summary>The value of label <paramref name="name"/>, or "" when the sample has none (as PromQL's matchers see it).</summary>
    public string Label(string name)
    {
        foreach (var label in Labels)
        {
            if (label.Key == name) return label.Value;
        }

        return "";
    }
}

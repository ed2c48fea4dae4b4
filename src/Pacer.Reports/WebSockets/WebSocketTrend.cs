using Pacer.Core.Results;

namespace Pacer.Reports.WebSockets;

/// <summary>One WebSocket trend of a result: the metric as a whole (<c>ws_msg_rtt</c>) or one tagged breakdown of it (<c>ws_msg_rtt{step:echo}</c>).</summary>
/// <param name="Key">The result's key, as a threshold names it.</param>
/// <param name="Metric">The metric's name without tags.</param>
/// <param name="Tags">The tags of a breakdown, in the key's order; empty for the metric as a whole.</param>
/// <param name="Figures">Its count, percentiles (ms) and histogram.</param>
internal sealed record WebSocketTrend(string Key, string Metric, IReadOnlyList<KeyValuePair<string, string>> Tags, MetricResult Figures)
{
    /// <summary>Reads a key such as <c>ws_msg_rtt{step:echo,name:x}</c>; a key without braces is the whole metric.</summary>
    public static WebSocketTrend Of(string key, MetricResult figures)
    {
        var brace = key.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0 || !key.EndsWith('}'))
        {
            return new WebSocketTrend(key, key, [], figures);
        }

        var tags = key[(brace + 1)..^1]
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Split(':', 2) is [var k, var v] ? new KeyValuePair<string, string>(k.Trim(), v.Trim()) : new KeyValuePair<string, string>(string.Empty, t))
            .ToList();
        return new WebSocketTrend(key, key[..brace], tags, figures);
    }

    /// <summary>Whether the trend has samples; a trend without any shows "–", never a 0 that reads as fast.</summary>
    public bool HasSamples => Figures.Count is > 0;

    /// <summary>
    /// The row's label: the metric's name for the whole, the breakdown's tags for a part — <c>step echo</c> for a step, as the plan
    /// names it, <c>key:value</c> for any other tag.
    /// </summary>
    public string Label => Tags.Count == 0
        ? Metric
        : string.Join(", ", Tags.Select(t => t.Key == "step" ? "step " + t.Value : t.Key.Length == 0 ? t.Value : $"{t.Key}:{t.Value}"));

    /// <summary>What the metric measures, in words, for the reader who does not know the names.</summary>
    public string Meaning => Metric switch
    {
        "ws_msg_rtt" => "message round trip, intended send to reply",
        "ws_connecting" => "handshake",
        "ws_session_duration" => "socket open to closed",
        "ws_ping" => "ping to pong",
        "ws_time_to_first_msg" => "connect to first message",
        _ => string.Empty,
    };
}

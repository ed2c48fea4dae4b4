using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Plans;

/// <summary>
/// The per-step WebSocket metrics: each ws step records its own figures under <c>metric{step:NAME}</c> beside the totals
/// (<c>ws_msg_rtt{step:run command}</c>), so a threshold can judge one step, and the result file lists them as tagged
/// sub-metrics, as it lists <c>http_req_duration{expected_response:true}</c>.
/// </summary>
internal static class SocketStepMetrics
{
    /// <summary>The tag key a threshold filters a ws metric by.</summary>
    public const string TagKey = "step";

    /// <summary>The recorded name of <paramref name="metric"/> for the step named <paramref name="step"/>.</summary>
    public static string Tagged(string metric, string step) => $"{metric}{{{TagKey}:{step}}}";

    /// <summary>The ws metrics a step records per step (beyond the totals every ws step feeds).</summary>
    public static IEnumerable<string> Of(SocketStep step)
    {
        yield return "ws_errors";
        switch (step)
        {
            case SocketConnectStep:
                yield return "ws_connecting";
                yield return "ws_time_to_first_msg";
                break;
            case SocketRequestStep:
                yield return "ws_msg_rtt";
                yield return "ws_msgs_sent";
                break;
            case SocketStreamStep stream:
                if (stream.Correlate is not null)
                {
                    yield return "ws_msg_rtt";
                }

                yield return "ws_msgs_sent";
                break;
            case SocketSendStep:
                yield return "ws_msgs_sent";
                break;
            case SocketHoldStep:
                yield return "ws_msg_interval";
                break;
            case SocketPingStep:
                yield return "ws_ping";
                break;
        }
    }

    /// <summary>Every per-step metric of <paramref name="steps"/>, once each (steps sharing a name share their metrics), in plan order.</summary>
    public static List<CustomMetricSpec> Specs(IEnumerable<SocketStep> steps)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<CustomMetricSpec>();
        foreach (var step in steps)
        {
            foreach (var metric in Of(step))
            {
                var name = Tagged(metric, step.Name);
                if (seen.Add(name))
                {
                    list.Add(new CustomMetricSpec(name, KnownMetrics.WebSocket[metric]));
                }
            }
        }

        return list;
    }

    /// <summary>The ws metric a tagged name belongs to (<c>ws_msg_rtt</c> of <c>ws_msg_rtt{step:x}</c>), or null when it is none.</summary>
    public static string? BaseOf(string name)
    {
        var brace = name.IndexOf('{', StringComparison.Ordinal);
        return brace > 0 && name.EndsWith('}') && name.AsSpan(brace + 1).StartsWith(TagKey + ":", StringComparison.Ordinal)
            && KnownMetrics.WebSocket.ContainsKey(name[..brace]) ? name[..brace] : null;
    }
}

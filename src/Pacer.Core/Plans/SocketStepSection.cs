using System.Globalization;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Plans.Scenarios.Checks;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads a WebSocket step (<c>ws: connect | send | receive | request | stream | hold | ping | close</c>): each action has its own keys, an unknown
/// key is named with a suggestion, and the checks and extractions of a received message are those of a request step that
/// read a body (a message has no status, headers or cookies).
/// </summary>
internal static class SocketStepSection
{
    /// <summary>The actions, as written after <c>ws:</c>.</summary>
    private static readonly string[] Actions = ["connect", "send", "receive", "request", "stream", "hold", "ping", "close"];

    private static readonly string[] Common = ["ws", "name", "socket", "probability", "timeout"];
    private static readonly string[] PayloadKeys = ["text", "binary", "text_file", "binary_file"];
    private static readonly string[] ConnectKeys = [.. Common, "path", "headers", "subprotocols", "scope"];
    private static readonly string[] SendKeys = [.. Common, .. PayloadKeys];
    private static readonly string[] ReceiveKeys = [.. Common, "match", "extract", "checks", "record"];
    private static readonly string[] RequestKeys = [.. Common, .. PayloadKeys, "correlate", "extract", "checks", "record"];
    private static readonly string[] StreamKeys = [.. Common, .. PayloadKeys, "correlate", "rate", "duration", "count", "extract", "checks", "record"];
    private static readonly string[] HoldKeys = ["ws", "name", "socket", "probability", "duration", "match", "extract", "checks", "record"];
    private static readonly string[] PingKeys = Common;
    private static readonly string[] CloseKeys = [.. Common, "code", "reason"];
    private static readonly string[] MatchKeys = ["contains", "regex", "json", "equals", "exists", "lt", "gt"];

    /// <summary>The most messages one stream step may schedule (a typo such as rate: 10000/s for an hour is caught here).</summary>
    private const long MaxStreamMessages = 10_000_000;

    /// <summary>The step, or null when it has a mistake (every one is reported); <paramref name="group"/> prefixes its name.</summary>
    public static SocketStep? Read(ScenarioReadContext c, YamlMappingNode mapping, string group)
    {
        var reader = c.Reader;
        var actionNode = mapping.Children[new YamlScalarNode("ws")];
        if (reader.Text(actionNode, "ws") is not { } action)
        {
            return null;
        }

        if (!Actions.Contains(action))
        {
            var suggestion = KeySuggester.Suggest(action, Actions);
            reader.Error(actionNode, $"unknown WebSocket step 'ws: {action}'", suggestion is null ? $"use one of {string.Join(", ", Actions)}" : $"did you mean '{suggestion}'?");
            return null;
        }

        var keys = action switch
        {
            "connect" => ConnectKeys,
            "send" => SendKeys,
            "receive" => ReceiveKeys,
            "request" => RequestKeys,
            "stream" => StreamKeys,
            "hold" => HoldKeys,
            "ping" => PingKeys,
            _ => CloseKeys,
        };
        var e = reader.Entries(mapping, $"a ws: {action} step", keys);
        var before = reader.Errors.Count;
        var probability = ScenarioStepsSection.Probability(c, e);
        var socket = e.TryGetValue("socket", out var s) ? reader.Text(s, "socket") ?? "default" : "default";
        var name = (e.TryGetValue("name", out var n) ? reader.Text(n, "name") : null) ?? $"ws {action} {socket}";
        if (group.Length > 0)
        {
            name = $"{group} › {name}";
        }

        if (name.AsSpan().IndexOfAny(",{}") >= 0)
        {
            // A step's metrics are named metric{step:NAME}, and a threshold's key could not say such a name.
            reader.Error(n ?? mapping, $"a ws step's name cannot hold ',', '{{' or '}}': '{name}'", "its metrics are named ws_msg_rtt{step:NAME}; choose a name without them");
        }

        var timeout = e.TryGetValue("timeout", out var t) ? PlanParser.PositiveDuration(reader, t, "timeout") ?? c.DefaultTimeout : c.DefaultTimeout;
        if (e.TryGetValue("extract", out var x) && action == "stream")
        {
            reader.Error(x, "a ws: stream step cannot extract: its replies come many at a time, in any order, while it sends", "extract from one reply with ws: request (or a later ws: receive)");
        }

        var extractions = x is not null && action != "stream" ? Extractions(c, x) : [];
        var checks = e.TryGetValue("checks", out var k) ? Checks(c, k) : [];
        var records = e.TryGetValue("record", out var rec) ? StepRecordsSection.Read(c, rec) : [];
        var location = c.Location(mapping);
        SocketStep? step = action switch
        {
            "connect" => Connect(c, mapping, e, name, socket, timeout, location),
            "send" => Payload(c, mapping, e, action) is var (payload, binary) && payload is not null
                ? new SocketSendStep { Name = name, Socket = socket, Timeout = timeout, Payload = payload, Binary = binary, Location = location }
                : null,
            "receive" => new SocketReceiveStep
            {
                Name = name,
                Socket = socket,
                Timeout = timeout,
                Match = e.TryGetValue("match", out var m) ? Match(c, m) : null,
                Location = location,
            },
            "request" => Request(c, mapping, e, name, socket, timeout, location),
            "stream" => Stream(c, mapping, e, name, socket, timeout, location),
            "hold" => Hold(c, mapping, e, name, socket, location),
            "ping" => new SocketPingStep { Name = name, Socket = socket, Timeout = timeout, Location = location },
            _ => Close(c, e, name, socket, timeout, location),
        };
        if (step is null || reader.Errors.Count > before)
        {
            return null;
        }

        return step switch
        {
            SocketReceiveStep r => new SocketReceiveStep { Name = r.Name, Socket = r.Socket, Timeout = r.Timeout, Match = r.Match, Extractions = extractions, Checks = checks, Records = records, Probability = probability, Location = location },
            SocketRequestStep q => new SocketRequestStep { Name = q.Name, Socket = q.Socket, Timeout = q.Timeout, Payload = q.Payload, Binary = q.Binary, Correlate = q.Correlate, CorrelateText = q.CorrelateText, Extractions = extractions, Checks = checks, Records = records, Probability = probability, Location = location },
            SocketStreamStep m => new SocketStreamStep { Name = m.Name, Socket = m.Socket, Timeout = m.Timeout, Payload = m.Payload, Binary = m.Binary, Rate = m.Rate, Duration = m.Duration, Count = m.Count, Correlate = m.Correlate, CorrelateText = m.CorrelateText, Checks = checks, Records = records, Probability = probability, Location = location },
            SocketHoldStep h => new SocketHoldStep { Name = h.Name, Socket = h.Socket, Timeout = h.Timeout, Duration = h.Duration, Match = h.Match, Extractions = extractions, Checks = checks, Records = records, Probability = probability, Location = location },
            SocketPingStep p => new SocketPingStep { Name = p.Name, Socket = p.Socket, Timeout = p.Timeout, Probability = probability, Location = location },
            SocketConnectStep o => new SocketConnectStep { Name = o.Name, Socket = o.Socket, Timeout = o.Timeout, Url = o.Url, Headers = o.Headers, Subprotocols = o.Subprotocols, UserScope = o.UserScope, Probability = probability, Location = location },
            SocketSendStep d => new SocketSendStep { Name = d.Name, Socket = d.Socket, Timeout = d.Timeout, Payload = d.Payload, Binary = d.Binary, Probability = probability, Location = location },
            SocketCloseStep l => new SocketCloseStep { Name = l.Name, Socket = l.Socket, Timeout = l.Timeout, Code = l.Code, Reason = l.Reason, Probability = probability, Location = location },
            _ => step,
        };
    }

    private static SocketStreamStep? Stream(ScenarioReadContext c, YamlMappingNode mapping, Dictionary<string, YamlNode> e, string name, string socket, TimeSpan timeout, string location)
    {
        var reader = c.Reader;
        var (payload, binary) = Payload(c, mapping, e, "stream");
        double? rate = null;
        if (!e.TryGetValue("rate", out var r))
        {
            reader.Error(mapping, "a ws: stream step has no 'rate'", "give the messages it sends a second on this socket, e.g. rate: 10/s (or 600/m)");
        }
        else
        {
            rate = Rate(reader, r);
        }

        var hasDuration = e.TryGetValue("duration", out var d);
        var hasCount = e.TryGetValue("count", out var cn);
        if (hasDuration == hasCount)
        {
            reader.Error(mapping, hasDuration ? "a ws: stream step has both duration and count" : "a ws: stream step has neither duration nor count", "give how long it sends (duration: 30s) or how many messages (count: 100)");
            return null;
        }

        var duration = hasDuration ? PlanParser.PositiveDuration(reader, d!, "duration") : null;
        long? count = null;
        if (hasCount && reader.Integer(cn!, "count") is { } given)
        {
            if (given < 1)
            {
                reader.Error(cn!, $"count must be at least 1, not {given}", "e.g. count: 100");
            }
            else
            {
                count = given;
            }
        }

        JsonPathExpression? correlate = null;
        string correlateText = string.Empty;
        if (e.TryGetValue("correlate", out var cor))
        {
            if (binary)
            {
                reader.Error(cor, "a ws: stream that correlates replies by a JSON field sends text", "use text: '{\"id\": \"${uuid}\", …}', or leave correlate out to send binary messages without pairing replies");
            }
            else if (reader.Text(cor, "correlate") is { } path)
            {
                correlate = c.JsonPath(cor, path);
                correlateText = path;
            }
        }

        if (payload is null || rate is not { } perSecond || (hasDuration && duration is null) || (hasCount && count is null))
        {
            return null;
        }

        var step = new SocketStreamStep { Name = name, Socket = socket, Timeout = timeout, Payload = payload, Binary = binary, Rate = perSecond, Duration = duration, Count = count, Correlate = correlate, CorrelateText = correlateText, Location = location };
        if (step.Messages > MaxStreamMessages)
        {
            reader.Error(hasCount ? cn! : d!, $"the stream would send {step.Messages:N0} messages on one socket, more than {MaxStreamMessages:N0}", "lower the rate, the duration or the count");
            return null;
        }

        if (step.Messages < 1)
        {
            reader.Error(d!, $"at {perSecond:0.###}/s, the stream sends no message within {duration!.Value.TotalMilliseconds:0.###} ms", "make the duration at least one message's interval");
            return null;
        }

        return step;
    }

    /// <summary>A stream's rate: <c>10/s</c>, <c>600/m</c>, <c>2/ms</c>, or a bare number (a second).</summary>
    private static double? Rate(PlanReader reader, YamlNode node)
    {
        if (reader.Text(node, "rate") is not { } text)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var number = (slash < 0 ? text : text[..slash]).Trim();
        var unit = slash < 0 ? "s" : text[(slash + 1)..].Trim();
        var per = unit switch
        {
            "s" or "sec" or "second" => 1.0,
            "m" or "min" or "minute" => 60.0,
            "h" or "hour" => 3600.0,
            "ms" => 0.001,
            _ => 0,
        };
        if (per == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
        {
            reader.Error(node, $"rate '{text}' is not a positive number of messages per time", "e.g. rate: 10/s, 600/m or 0.5/s");
            return null;
        }

        var perSecond = value / per;
        if (perSecond > 100_000)
        {
            reader.Error(node, $"rate {text} is {perSecond:N0} messages a second on one socket, more than 100,000", "spread the load over more sockets (virtual users)");
            return null;
        }

        return perSecond;
    }

    private static SocketHoldStep? Hold(ScenarioReadContext c, YamlMappingNode mapping, Dictionary<string, YamlNode> e, string name, string socket, string location)
    {
        var reader = c.Reader;
        if (!e.TryGetValue("duration", out var d))
        {
            reader.Error(mapping, "a ws: hold step has no 'duration'", "give how long it keeps receiving, e.g. duration: 30s");
            return null;
        }

        var duration = PlanParser.PositiveDuration(reader, d, "duration");
        var match = e.TryGetValue("match", out var m) ? Match(c, m) : null;
        return duration is { } span ? new SocketHoldStep { Name = name, Socket = socket, Timeout = span, Duration = span, Match = match, Location = location } : null;
    }

    private static SocketConnectStep? Connect(ScenarioReadContext c, YamlMappingNode mapping, Dictionary<string, YamlNode> e, string name, string socket, TimeSpan timeout, string location)
    {
        var reader = c.Reader;
        if (!e.TryGetValue("path", out var p))
        {
            reader.Error(mapping, "a ws: connect step has no 'path'", "e.g. path: /sessions/${session_id}/ws (under the target, as ws://), or path: wss://host/ws");
            return null;
        }

        if (reader.Text(p, "path") is not { } pathText)
        {
            return null;
        }

        string? urlText;
        if (pathText.StartsWith("ws://", StringComparison.OrdinalIgnoreCase) || pathText.StartsWith("wss://", StringComparison.OrdinalIgnoreCase))
        {
            urlText = pathText;
        }
        else if (pathText.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || pathText.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            reader.Error(p, $"a WebSocket connects to ws:// or wss://, not '{pathText}'", $"write {(pathText.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? "wss" : "ws")}{pathText[pathText.IndexOf(':', StringComparison.Ordinal)..]}, or a path under the target");
            return null;
        }
        else if (RequestsSection.Join(c.Target, pathText) is { } joined)
        {
            // A path under the target: the target's own scheme, as its WebSocket counterpart.
            urlText = SocketConnectStep.AsWebSocket(joined);
        }
        else
        {
            reader.Error(p, $"path '{pathText}' is neither a path under the target nor a ws:// or wss:// URL");
            return null;
        }

        var template = c.Compile(p, urlText, "path", urlText.StartsWith(pathText, StringComparison.Ordinal) ? 0 : urlText.IndexOf(pathText, StringComparison.Ordinal));
        var headers = new List<HeaderTemplate>();
        if (e.TryGetValue("headers", out var h) && reader.Mapping(h, "headers") is { } headerMap)
        {
            foreach (var (key, value) in headerMap.Children)
            {
                if (reader.Text(key, "a header name") is { } headerName && reader.Text(value, $"header {headerName}") is { } headerValue
                    && c.Compile(value, headerValue, $"header {headerName}") is { } compiled)
                {
                    headers.Add(new HeaderTemplate(headerName, compiled));
                }
            }
        }

        var subprotocols = new List<string>();
        if (e.TryGetValue("subprotocols", out var sp))
        {
            if (sp is YamlScalarNode single && reader.Text(single, "subprotocols") is { } one)
            {
                subprotocols.Add(one);
            }
            else if (reader.Sequence(sp, "subprotocols") is { } list)
            {
                subprotocols.AddRange(list.Children.Select(item => reader.Text(item, "a subprotocol")).OfType<string>());
            }
        }

        var userScope = false;
        if (e.TryGetValue("scope", out var sc) && reader.Text(sc, "scope") is { } scope)
        {
            if (scope == "vu")
            {
                userScope = true;
            }
            else if (scope != "iteration")
            {
                reader.Error(sc, $"unknown scope '{scope}'", "use iteration (the default: closed at the iteration's end) or vu (open for the user's life)");
            }
        }

        return template is null ? null : new SocketConnectStep { Name = name, Socket = socket, Timeout = timeout, Url = template, Headers = headers, Subprotocols = subprotocols, UserScope = userScope, Location = location };
    }

    private static SocketRequestStep? Request(ScenarioReadContext c, YamlMappingNode mapping, Dictionary<string, YamlNode> e, string name, string socket, TimeSpan timeout, string location)
    {
        var reader = c.Reader;
        var (payload, binary) = Payload(c, mapping, e, "request");
        if (!e.TryGetValue("correlate", out var cor))
        {
            reader.Error(mapping, "a ws: request step has no 'correlate'", "name the JSON field that pairs a reply with its message, e.g. correlate: $.id");
            return null;
        }

        if (binary)
        {
            reader.Error(e.GetValueOrDefault("binary") ?? e["binary_file"], "a ws: request correlates by a JSON field, so it sends text", "use text: '{\"id\": \"${iter}\", …}', or ws: send for a binary message");
            return null;
        }

        if (reader.Text(cor, "correlate") is not { } path || c.JsonPath(cor, path) is not { } expression || payload is null)
        {
            return null;
        }

        return new SocketRequestStep { Name = name, Socket = socket, Timeout = timeout, Payload = payload, Correlate = expression, CorrelateText = path, Location = location };
    }

    private static SocketCloseStep? Close(ScenarioReadContext c, Dictionary<string, YamlNode> e, string name, string socket, TimeSpan timeout, string location)
    {
        var reader = c.Reader;
        var code = 1000;
        if (e.TryGetValue("code", out var codeNode) && reader.Integer(codeNode, "code") is { } given)
        {
            // 1000 and 3000–4999 are what an endpoint may send; 1001–1015 are mostly for the protocol's own use.
            if (given is not (1000 or 1001 or (>= 3000 and <= 4999)))
            {
                reader.Error(codeNode, $"close code {given} cannot be sent", "use 1000 (normal), 1001 (going away), or an application code from 3000 to 4999");
                return null;
            }

            code = (int)given;
        }

        var reason = e.TryGetValue("reason", out var r) ? reader.Text(r, "reason") ?? string.Empty : string.Empty;
        if (System.Text.Encoding.UTF8.GetByteCount(reason) > 123)
        {
            reader.Error(r!, "a close reason is at most 123 bytes", "shorten it");
            return null;
        }

        return new SocketCloseStep { Name = name, Socket = socket, Timeout = timeout, Code = code, Reason = reason, Location = location };
    }

    /// <summary>
    /// The message of a send, request or stream step: <c>text</c> (a template), <c>binary</c> (a template rendering base64),
    /// <c>text_file</c> (a file's text, a template) or <c>binary_file</c> (a file's bytes, sent as they are); files are read
    /// relative to the plan.
    /// </summary>
    private static (Template? Payload, bool Binary) Payload(ScenarioReadContext c, YamlMappingNode mapping, Dictionary<string, YamlNode> e, string action)
    {
        var reader = c.Reader;
        var given = PayloadKeys.Where(e.ContainsKey).ToList();
        if (given.Count != 1)
        {
            reader.Error(mapping, given.Count == 2 ? $"a ws: {action} step has both {given[0]} and {given[1]}" : given.Count > 2 ? $"a ws: {action} step has {string.Join(", ", given)}; give one" : $"a ws: {action} step has no message", "give text: 'a message' (templated), binary: base64 of the bytes, text_file: or binary_file: (relative to the plan)");
            return (null, false);
        }

        var what = given[0];
        var node = e[what];
        var isBinary = what is "binary" or "binary_file";
        if (what is "text_file" or "binary_file")
        {
            if (reader.Text(node, what) is not { } file)
            {
                return (null, isBinary);
            }

            try
            {
                var full = c.RelativeToPlan(file);
                if (isBinary)
                {
                    // The bytes travel as the constant base64 a binary template renders, decoded once per send as binary: is.
                    return (Template.Compile(Convert.ToBase64String(InputFile.ReadBytes(full, InputFile.MaxBodyBytes))), true);
                }

                return (c.Compile(node, InputFile.ReadText(full, InputFile.MaxBodyBytes), what), false);
            }
            catch (InputFileException ex)
            {
                reader.Error(node, $"cannot read {what} '{file}': {ex.Message}", "paths are relative to the plan file");
                return (null, isBinary);
            }
        }

        var value = node is YamlMappingNode or YamlSequenceNode ? RequestsSection.Body(reader, node, []) : reader.Text(node, what);
        if (value is null)
        {
            return (null, isBinary);
        }

        if (isBinary && Template.Compile(value) is { IsConstant: true } constant && !IsBase64(constant.ConstantValue!))
        {
            reader.Error(node, "binary is not base64", "write the message's bytes as base64, e.g. binary: AAECAw== (or put them in a file: binary_file: frame.bin)");
            return (null, true);
        }

        return (c.Compile(node, value, what), isBinary);
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    /// <summary>Which message a receive step waits for: one of contains, regex, json (with equals, exists, lt or gt).</summary>
    private static ResponseCheck? Match(ScenarioReadContext c, YamlNode node)
    {
        var reader = c.Reader;
        if (reader.Mapping(node, "match") is not { } mapping)
        {
            return null;
        }

        var e = reader.Entries(mapping, "match", MatchKeys);
        var kinds = new[] { "contains", "regex", "json" }.Where(e.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            reader.Error(mapping, "match needs exactly one of contains, regex, json", "e.g. match: { json: $.type, equals: output } or match: { contains: ready }");
            return null;
        }

        var what = e[kinds[0]];
        switch (kinds[0])
        {
            case "contains":
                return reader.Text(what, "contains") is { } text && c.Compile(what, text, "contains") is { } template ? new BodyContainsCheck($"contains '{text}'", new CheckValue(template)) : null;
            case "regex":
                return reader.Text(what, "regex") is { } pattern && c.Regex(what, pattern) is { } regex ? new BodyMatchesCheck($"matches /{pattern}/", regex) : null;
            default:
                if (reader.Text(what, "json") is not { } path || c.JsonPath(what, path) is not { } expression)
                {
                    return null;
                }

                if (e.TryGetValue("equals", out var eq))
                {
                    return reader.Text(eq, "equals") is { } equals && c.Compile(eq, equals, "equals") is { } value ? new JsonCheck($"{path} is {equals}", expression, JsonCondition.Equals, new CheckValue(value)) : null;
                }

                foreach (var (key, condition) in new[] { ("lt", JsonCondition.LessThan), ("gt", JsonCondition.GreaterThan) })
                {
                    if (e.TryGetValue(key, out var bound))
                    {
                        return reader.Number(bound, key) is { } number
                            ? new JsonCheck($"{path} {key} {number.ToString(CultureInfo.InvariantCulture)}", expression, condition, new CheckValue(Template.Compile(number.ToString(CultureInfo.InvariantCulture))))
                            : null;
                    }
                }

                return new JsonCheck($"{path} exists", expression, JsonCondition.Exists, null);
        }
    }

    /// <summary>A message's extractions: json and regex only (a message has no headers or cookies).</summary>
    private static List<Extraction> Extractions(ScenarioReadContext c, YamlNode node)
    {
        var list = StepExtractionsSection.Read(c, node);
        foreach (var bad in list.Where(x => x.Source is ExtractionSource.Header or ExtractionSource.Cookie))
        {
            c.Reader.Error(node, $"extraction of '{bad.Variable}' reads a {(bad.Source == ExtractionSource.Header ? "header" : "cookie")}, and a WebSocket message has none", "extract from the message with json: $.field or regex: 'pattern'");
        }

        return list;
    }

    /// <summary>A message's checks: on its text (body_contains, body_matches), a JSON value, or duration_under; no status or header.</summary>
    private static List<ResponseCheck> Checks(ScenarioReadContext c, YamlNode node)
    {
        var list = StepChecksSection.Read(c, node);
        foreach (var bad in list.Where(x => x is StatusCheck or HeaderCheck))
        {
            c.Reader.Error(node, $"check '{bad.Name}' reads a {(bad is StatusCheck ? "status" : "header")}, and a WebSocket message has none", "check the message with body_contains, body_matches, json or duration_under");
        }

        return list;
    }
}

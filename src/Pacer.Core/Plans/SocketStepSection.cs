using System.Globalization;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Plans.Scenarios.Checks;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads a WebSocket step (<c>ws: connect | send | receive | request | close</c>): each action has its own keys, an unknown
/// key is named with a suggestion, and the checks and extractions of a received message are those of a request step that
/// read a body (a message has no status, headers or cookies).
/// </summary>
internal static class SocketStepSection
{
    /// <summary>The actions, as written after <c>ws:</c>.</summary>
    private static readonly string[] Actions = ["connect", "send", "receive", "request", "close"];

    private static readonly string[] Common = ["ws", "name", "socket", "probability", "timeout"];
    private static readonly string[] ConnectKeys = [.. Common, "path", "headers", "subprotocols", "scope"];
    private static readonly string[] SendKeys = [.. Common, "text", "binary"];
    private static readonly string[] ReceiveKeys = [.. Common, "match", "extract", "checks"];
    private static readonly string[] RequestKeys = [.. Common, "text", "binary", "correlate", "extract", "checks"];
    private static readonly string[] CloseKeys = [.. Common, "code", "reason"];
    private static readonly string[] MatchKeys = ["contains", "regex", "json", "equals", "exists", "lt", "gt"];

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

        var timeout = e.TryGetValue("timeout", out var t) ? PlanParser.PositiveDuration(reader, t, "timeout") ?? c.DefaultTimeout : c.DefaultTimeout;
        var extractions = e.TryGetValue("extract", out var x) ? Extractions(c, x) : [];
        var checks = e.TryGetValue("checks", out var k) ? Checks(c, k) : [];
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
            _ => Close(c, e, name, socket, timeout, location),
        };
        if (step is null || reader.Errors.Count > before)
        {
            return null;
        }

        return step switch
        {
            SocketReceiveStep r => new SocketReceiveStep { Name = r.Name, Socket = r.Socket, Timeout = r.Timeout, Match = r.Match, Extractions = extractions, Checks = checks, Probability = probability, Location = location },
            SocketRequestStep q => new SocketRequestStep { Name = q.Name, Socket = q.Socket, Timeout = q.Timeout, Payload = q.Payload, Binary = q.Binary, Correlate = q.Correlate, CorrelateText = q.CorrelateText, Extractions = extractions, Checks = checks, Probability = probability, Location = location },
            SocketConnectStep o => new SocketConnectStep { Name = o.Name, Socket = o.Socket, Timeout = o.Timeout, Url = o.Url, Headers = o.Headers, Subprotocols = o.Subprotocols, UserScope = o.UserScope, Probability = probability, Location = location },
            SocketSendStep d => new SocketSendStep { Name = d.Name, Socket = d.Socket, Timeout = d.Timeout, Payload = d.Payload, Binary = d.Binary, Probability = probability, Location = location },
            SocketCloseStep l => new SocketCloseStep { Name = l.Name, Socket = l.Socket, Timeout = l.Timeout, Code = l.Code, Reason = l.Reason, Probability = probability, Location = location },
            _ => step,
        };
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
            reader.Error(e["binary"], "a ws: request correlates by a JSON field, so it sends text", "use text: '{\"id\": \"${iter}\", …}', or ws: send for a binary message");
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

    /// <summary>The message of a send or request step: <c>text</c> (a template) or <c>binary</c> (a template rendering base64).</summary>
    private static (Template? Payload, bool Binary) Payload(ScenarioReadContext c, YamlMappingNode mapping, Dictionary<string, YamlNode> e, string action)
    {
        var reader = c.Reader;
        var hasText = e.TryGetValue("text", out var text);
        var hasBinary = e.TryGetValue("binary", out var binary);
        if (hasText == hasBinary)
        {
            reader.Error(mapping, hasText ? $"a ws: {action} step has both text and binary" : $"a ws: {action} step has no message", "give text: 'a message' (templated), or binary: base64 of the bytes");
            return (null, false);
        }

        var node = hasText ? text! : binary!;
        var what = hasText ? "text" : "binary";
        var value = node is YamlMappingNode or YamlSequenceNode ? RequestsSection.Body(reader, node, []) : reader.Text(node, what);
        if (value is null)
        {
            return (null, hasBinary);
        }

        if (hasBinary && Template.Compile(value) is { IsConstant: true } constant && !IsBase64(constant.ConstantValue!))
        {
            reader.Error(node, "binary is not base64", "write the message's bytes as base64, e.g. binary: AAECAw==");
            return (null, true);
        }

        return (c.Compile(node, value, what), hasBinary);
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

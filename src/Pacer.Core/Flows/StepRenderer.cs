using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// Renders a request step into a virtual user's request buffers, without allocating: the URL, the header lines (with the
/// user's cookies for the host) and the body. It is the one place scenario requests are rendered for every transport, so it
/// is where a value from a data row or a server's response is refused when it would break the request's framing.
/// </summary>
internal static class StepRenderer
{
    /// <summary>
    /// Renders <paramref name="step"/> into the user's request buffers: URL, header lines (with the user's cookies for the
    /// host) and body. False, with the reason, when the rendered URL cannot be sent; a missing variable throws
    /// <see cref="TemplateRenderException"/>.
    /// </summary>
    public static bool TryRender(ScenarioSpec scenario, RequestStep step, VirtualUser user, out string kind, out string problem)
    {
        var request = user.Request;
        request.Begin(step.Name, step.Method, step.Timeout);
        step.Url.Render(user, request.Url);
        kind = "url";
        if (RequestText.IndexOfForbidden(request.Url.WrittenSpan) is var badInUrl and >= 0)
        {
            problem = $"the rendered URL contains {RequestText.Describe(request.Url.WrittenSpan[badInUrl])} at byte {badInUrl} (from a variable, data column or extracted value); the request was not sent";
            return false;
        }

        if (!request.TryParseUrl(out problem))
        {
            return false;
        }

        var headers = step.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (header.IsFraming)
            {
                continue;
            }

            request.HasHostHeader |= header.IsHost;
            request.Headers.Write(header.LinePrefix);
            var valueStart = request.Headers.Length;
            header.Value.Render(user, request.Headers);

            // A value from a data row or a server's response is checked here, the one place flow headers are rendered for
            // both transports: a CR or LF would inject headers or a second request and desynchronise the connection.
            if (RequestText.IndexOfForbidden(request.Headers.WrittenSpan[valueStart..]) is var bad and >= 0)
            {
                kind = "header";
                problem = $"header '{header.Name}' rendered with {RequestText.Describe(request.Headers.WrittenSpan[valueStart + bad])} at byte {bad} (from a variable, data column or extracted value); the request was not sent";
                return false;
            }

            request.Headers.Write("\r\n"u8);
        }

        if (scenario.Cookies)
        {
            var cookiesStart = request.Headers.Length;
            user.Cookies.WriteHeader(request.Host, request.Headers);
            // The jar writes one "Cookie: …" line ending in CRLF (or nothing); only what is between may not hold CR, LF or NUL.
            var cookieLine = request.Headers.WrittenSpan[cookiesStart..];
            if (RequestText.IndexOfForbidden(cookieLine.IsEmpty ? cookieLine : cookieLine[..^2]) is var badCookie and >= 0)
            {
                kind = "header";
                problem = $"a cookie set by the server holds {RequestText.Describe(request.Headers.WrittenSpan[cookiesStart + badCookie])}; the request was not sent";
                return false;
            }
        }

        if (step.Body is { } body)
        {
            request.HasBody = true;
            body.Render(user, request.Body);
        }

        return true;
    }
}

using System.Text.RegularExpressions;

namespace Pacer.Core.Flows;

/// <summary>Takes a value from a response into a variable (correlation: a token from login used by later steps).</summary>
internal sealed class Extraction
{
    public required string Variable { get; init; }

    public required ExtractionSource Source { get; init; }

    /// <summary>The header or cookie name, the JSONPath, or the pattern, as written in the plan.</summary>
    public required string Selector { get; init; }

    public JsonPathExpression? JsonPath { get; init; }

    public Regex? Pattern { get; init; }

    public VariableScope Scope { get; init; } = VariableScope.Iteration;

    /// <summary>Reads the value; on failure <paramref name="problem"/> says why, for the step's script-error report.</summary>
    public bool TryExtract(FlowResponse response, out string value, out string problem)
    {
        value = string.Empty;
        problem = string.Empty;
        switch (Source)
        {
            case ExtractionSource.Json:
                if (!response.TryGetJson(out var root))
                {
                    problem = $"cannot extract '{Variable}': the body is not JSON";
                    return false;
                }

                if (!JsonPath!.TryEvaluate(root, out var element))
                {
                    problem = $"cannot extract '{Variable}': nothing at {Selector} in the JSON body";
                    return false;
                }

                value = JsonPathExpression.ToText(element);
                return true;
            case ExtractionSource.Header:
                if (response.Header(Selector) is { } header)
                {
                    value = header;
                    return true;
                }

                problem = $"cannot extract '{Variable}': no '{Selector}' header in the response";
                return false;
            case ExtractionSource.Cookie:
                foreach (var (name, setCookie) in response.Headers)
                {
                    if (string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase) && CookieJar.TryParseSetCookie(setCookie, out var cookie, out var cookieValue, out _) && cookie == Selector)
                    {
                        value = cookieValue;
                        return true;
                    }
                }

                problem = $"cannot extract '{Variable}': the response sets no cookie '{Selector}'";
                return false;
            default:
                var match = Pattern!.Match(response.Text);
                if (match.Success)
                {
                    value = match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
                    return true;
                }

                problem = $"cannot extract '{Variable}': the body does not match /{Selector}/";
                return false;
        }
    }
}

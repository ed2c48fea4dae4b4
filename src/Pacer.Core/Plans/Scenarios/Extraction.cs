using System.Text;
using System.Text.RegularExpressions;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios;

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

    /// <summary>
    /// Writes the value into <paramref name="value"/> (cleared first); on failure <paramref name="problem"/> says why, for the
    /// step's script-error report. Only a regular expression allocates (it matches decoded text).
    /// </summary>
    public bool TryExtract(ExchangeResponse response, WireBuffer value, out string problem)
    {
        value.Clear();
        problem = string.Empty;
        switch (Source)
        {
            case ExtractionSource.Json:
                switch (JsonPath!.Find(response.Body, out var match))
                {
                    case JsonLookup.Found:
                        match.WriteText(response.Body, value);
                        return true;
                    case JsonLookup.NotJson:
                        problem = $"cannot extract '{Variable}': the body is not JSON";
                        return false;
                    default:
                        problem = $"cannot extract '{Variable}': nothing at {Selector} in the JSON body";
                        return false;
                }

            case ExtractionSource.Header:
                if (response.TryGetHeader(Selector, out var header))
                {
                    value.Write(header);
                    return true;
                }

                problem = $"cannot extract '{Variable}': no '{Selector}' header in the response";
                return false;
            case ExtractionSource.Cookie:
                foreach (var (name, setCookie) in response.Headers)
                {
                    if (Ascii.EqualsIgnoreCase(name, "set-cookie"u8) && SetCookieHeader.TryParse(setCookie, out var cookie, out var cookieValue, out _)
                        && Ascii.Equals(cookie, Selector))
                    {
                        value.Write(cookieValue);
                        return true;
                    }
                }

                problem = $"cannot extract '{Variable}': the response sets no cookie '{Selector}'";
                return false;
            default:
                Match found;
                try
                {
                    found = Pattern!.Match(response.Text);
                }
                catch (RegexMatchTimeoutException e)
                {
                    // Recorded as the step's script error (the caller reports the problem); the run goes on.
                    problem = $"cannot extract '{Variable}': the regular expression /{Selector}/ ran longer than its {e.MatchTimeout.TotalSeconds:0.###} s limit on a {response.Body.Length}-byte body";
                    return false;
                }

                if (found.Success)
                {
                    value.WriteUtf8(found.Groups.Count > 1 ? found.Groups[1].ValueSpan : found.ValueSpan);
                    return true;
                }

                problem = $"cannot extract '{Variable}': the body does not match /{Selector}/";
                return false;
        }
    }
}

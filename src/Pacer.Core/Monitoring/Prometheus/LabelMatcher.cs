using System.Text.RegularExpressions;

namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// One PromQL label matcher: <c>code="500"</c>, <c>code!="200"</c>, <c>code=~"5.."</c>, <c>code!~"2.."</c>. As in PromQL a
/// missing label reads as "", and a regular expression must match the whole value.
/// </summary>
/// <param name="Label">The label's name.</param>
/// <param name="Operator">The matcher as written: <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</param>
/// <param name="Value">The value or pattern, unescaped.</param>
internal sealed record LabelMatcher(string Label, string Operator, string Value)
{
    // Non-backtracking: a selector comes from a plan, and PromQL's RE2 has no backtracking constructs either.
    private readonly Regex? pattern = Operator is "=~" or "!~"
        ? new Regex($"^(?:{Value})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)
        : null;

    public bool Matches(ExpositionSample sample)
    {
        var actual = sample.Label(Label);
        return Operator switch
        {
            "=" => actual == Value,
            "!=" => actual != Value,
            "=~" => pattern!.IsMatch(actual),
            _ => !pattern!.IsMatch(actual),
        };
    }

    public override string ToString() => $"{Label}{Operator}\"{Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}

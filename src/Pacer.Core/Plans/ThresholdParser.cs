using System.Globalization;
using System.Text.RegularExpressions;

namespace Pacer.Core.Plans;

/// <summary>
/// Parses k6 threshold expressions: <c>p(95)&lt;15ms</c>, <c>avg&lt;200</c>, <c>rate&lt;0.01</c>, <c>rate&lt;1%</c>, <c>count&gt;1000</c>.
/// Durations without a unit are milliseconds, as in k6; units us/µs, ms, s, m, h are converted to milliseconds.
/// </summary>
public static partial class ThresholdParser
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="ThresholdSyntaxException"/> with a hint on a mistake.</summary>
    public static ThresholdExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Expression().Match(text);
        if (!match.Success)
        {
            throw new ThresholdSyntaxException($"'{text}' is not a threshold; expected AGGREGATION OPERATOR VALUE such as p(95)<15ms, avg<200, rate<0.01, count>1000");
        }

        var aggregationText = match.Groups["agg"].Value;
        double? percentile = null;
        ThresholdAggregation aggregation;
        if (match.Groups["p"].Success)
        {
            var p = double.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture);
            if (p is < 0 or > 100)
            {
                throw new ThresholdSyntaxException($"percentile {p} in '{text}' must be between 0 and 100");
            }

            aggregation = ThresholdAggregation.Percentile;
            percentile = p;
        }
        else
        {
            aggregation = aggregationText switch
            {
                "avg" => ThresholdAggregation.Avg,
                "min" => ThresholdAggregation.Min,
                "max" => ThresholdAggregation.Max,
                "med" => ThresholdAggregation.Med,
                "rate" => ThresholdAggregation.Rate,
                "count" => ThresholdAggregation.Count,
                "value" => ThresholdAggregation.Value,
                _ when PercentileTypo().Match(aggregationText) is { Success: true } typo =>
                    throw new ThresholdSyntaxException($"unknown aggregation '{aggregationText}' in '{text}'; did you mean p({typo.Groups[1].Value})?"),
                _ => throw new ThresholdSyntaxException($"unknown aggregation '{aggregationText}' in '{text}'; expected avg, min, max, med, p(N), rate, count or value"),
            };
        }

        var op = match.Groups["op"].Value switch
        {
            "<" => ComparisonOperator.Less,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.Greater,
            ">=" => ComparisonOperator.GreaterOrEqual,
            "==" or "===" => ComparisonOperator.Equal,
            "!=" or "!==" => ComparisonOperator.NotEqual,
            var other => throw new ThresholdSyntaxException($"unknown operator '{other}' in '{text}'; expected <, <=, >, >=, == or !="),
        };

        if (!double.TryParse(match.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new ThresholdSyntaxException($"'{match.Groups["num"].Value}' in '{text}' is not a number");
        }

        var unit = match.Groups["unit"].Value;
        var isDuration = aggregation is ThresholdAggregation.Avg or ThresholdAggregation.Min or ThresholdAggregation.Max or ThresholdAggregation.Med or ThresholdAggregation.Percentile;
        value = unit switch
        {
            "" => value,
            "%" when aggregation == ThresholdAggregation.Rate => value / 100,
            "us" or "µs" when isDuration => value / 1000,
            "ms" when isDuration => value,
            "s" when isDuration => value * 1000,
            "m" when isDuration => value * 60_000,
            "h" when isDuration => value * 3_600_000,
            "%" => throw new ThresholdSyntaxException($"'%' in '{text}' only applies to rate"),
            _ when !isDuration => throw new ThresholdSyntaxException($"unit '{unit}' in '{text}' does not apply to {aggregationText}; {aggregationText} takes a plain number"),
            _ => throw new ThresholdSyntaxException($"unknown unit '{unit}' in '{text}'; use us, ms, s, m or h (no unit means ms)"),
        };

        // 1e400 parses to infinity (and 1e308h overflows to it): a bound no value can cross judges nothing, as Infinity would not.
        if (!double.IsFinite(value))
        {
            throw new ThresholdSyntaxException($"'{match.Groups["num"].Value}{unit}' in '{text}' is too large to be a limit (it is not a finite number)");
        }

        return new ThresholdExpression(aggregation, percentile, op, value);
    }

    [GeneratedRegex(@"^\s*(?<agg>p\((?<p>[0-9]+(?:\.[0-9]+)?)\)|[a-z][a-z0-9]*)\s*(?<op><=|>=|===|!==|==|!=|<|>|=)\s*(?<num>-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\s*(?<unit>[a-zA-Zµ%]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Expression();

    [GeneratedRegex(@"^p([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentileTypo();
}

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
        var (match, aggregation, percentile, op, value) = Parts(text);
        var aggregationText = match.Groups["agg"].Value;
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

        return new ThresholdExpression(aggregation, percentile, op, Finite(value, match, text));
    }

    /// <summary>
    /// Parses a threshold on a watched target metric (<c>max&lt;70%</c>, <c>max&lt;4GB</c>, <c>avg&lt;1.5cores</c>,
    /// <c>p(95)&lt;500Mbps</c>), keeping what its bound is measured in (<see cref="ThresholdExpression.Unit"/>), since only the
    /// metric decides what a unit means: % of a limit for cores and bytes, the ratio itself for a ratio. Byte units are decimal
    /// as k6 and the SI write them (1 GB = 1,000,000,000 B; kB and KB both 1,000), binary with an i (1 GiB = 1,073,741,824 B);
    /// bandwidth in bits per second (bps, kbps, Mbps, Gbps, decimal) or bytes per second (B/s, kB/s, MB/s, MiB/s …); time in us, ms,
    /// s, m, h; cores as <c>cores</c> or <c>core</c>.
    /// </summary>
    public static ThresholdExpression ParseTarget(string text)
    {
        var (match, aggregation, percentile, op, value) = Parts(text);
        var unitText = match.Groups["unit"].Value;
        (string? unit, double factor) = unitText switch
        {
            "" => (null, 1),
            "%" => ("%", 0.01),
            "B" => ("bytes", 1),
            "kB" or "KB" => ("bytes", 1e3),
            "MB" => ("bytes", 1e6),
            "GB" => ("bytes", 1e9),
            "TB" => ("bytes", 1e12),
            "KiB" => ("bytes", 1024),
            "MiB" => ("bytes", 1024.0 * 1024),
            "GiB" => ("bytes", 1024.0 * 1024 * 1024),
            "TiB" => ("bytes", 1024.0 * 1024 * 1024 * 1024),
            "core" or "cores" => ("cores", 1),
            "us" or "µs" => ("ms", 0.001),
            "ms" => ("ms", 1),
            "s" => ("ms", 1000),
            "m" => ("ms", 60_000),
            "h" => ("ms", 3_600_000),
            "bps" => ("bytes_per_second", 1 / 8.0),
            "kbps" or "Kbps" => ("bytes_per_second", 1e3 / 8),
            "Mbps" => ("bytes_per_second", 1e6 / 8),
            "Gbps" => ("bytes_per_second", 1e9 / 8),
            "B/s" => ("bytes_per_second", 1),
            "kB/s" or "KB/s" => ("bytes_per_second", 1e3),
            "MB/s" => ("bytes_per_second", 1e6),
            "GB/s" => ("bytes_per_second", 1e9),
            "KiB/s" => ("bytes_per_second", 1024),
            "MiB/s" => ("bytes_per_second", 1024.0 * 1024),
            "GiB/s" => ("bytes_per_second", 1024.0 * 1024 * 1024),
            _ => throw new ThresholdSyntaxException($"unknown unit '{unitText}' in '{text}'; use % (of the limit), cores, B/kB/MB/GB (decimal) or KiB/MiB/GiB, ms/s, or Mbps/MB/s for a bandwidth"),
        };

        // A percentage through decimal, so 70% is 0.7 and 99.9% is 0.999, not 0.7000000000000001.
        var scaled = unit == "%" && Math.Abs(value) < 1e20 ? (double)((decimal)value / 100) : value * factor;
        return new ThresholdExpression(aggregation, percentile, op, Finite(scaled, match, text)) { Unit = unit };
    }

    // 1e400 parses to infinity (and 1e308h overflows to it): a bound no value can cross judges nothing, as Infinity would not.
    private static double Finite(double value, Match match, string text) =>
        double.IsFinite(value)
            ? value
            : throw new ThresholdSyntaxException($"'{match.Groups["num"].Value}{match.Groups["unit"].Value}' in '{text}' is too large to be a limit (it is not a finite number)");

    private static (Match Match, ThresholdAggregation Aggregation, double? Percentile, ComparisonOperator Operator, double Value) Parts(string text)
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
                "last" => ThresholdAggregation.Last,
                _ when PercentileTypo().Match(aggregationText) is { Success: true } typo =>
                    throw new ThresholdSyntaxException($"unknown aggregation '{aggregationText}' in '{text}'; did you mean p({typo.Groups[1].Value})?"),
                _ => throw new ThresholdSyntaxException($"unknown aggregation '{aggregationText}' in '{text}'; expected avg, min, max, med, p(N), rate, count, value or last"),
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

        return (match, aggregation, percentile, op, value);
    }

    [GeneratedRegex(@"^\s*(?<agg>p\((?<p>[0-9]+(?:\.[0-9]+)?)\)|[a-z][a-z0-9]*)\s*(?<op><=|>=|===|!==|==|!=|<|>|=)\s*(?<num>-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\s*(?<unit>[a-zA-Zµ%/]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Expression();

    [GeneratedRegex(@"^p([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentileTypo();
}

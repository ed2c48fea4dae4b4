using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Reports.Formatting;

namespace Pacer.Reports.Console;

/// <summary>
/// A threshold's actual value in the unit its metric is read in — 849 µs, 0.12%, 3,953.7/s, 1,204 — so the console, Markdown, HTML and
/// JUnit reports all say the same thing, and none leaves the reader to guess whether 0.849 meant seconds or milliseconds.
/// </summary>
internal static class ThresholdActual
{
    /// <summary>The formatted value, or why there is none ("no samples", "not measured: …").</summary>
    public static string Format(RunResult result, ThresholdResult threshold)
    {
        if (threshold.Actual is not { } actual)
        {
            return threshold.Note is { } note && !note.StartsWith("no samples", StringComparison.Ordinal) ? note : "no samples";
        }

        var metric = threshold.Metric.Split('{')[0];
        if (result.Target?.Metrics.FirstOrDefault(t => t.Name == metric) is { } watched && !KnownMetrics.Kinds.ContainsKey(metric))
        {
            return Watched(actual, watched.Unit, threshold.Expression);
        }

        // The result's own metric entry knows the kind of built-in and plan-declared metrics alike.
        var type = result.Metrics.TryGetValue(metric, out var m) ? m.Type : KnownMetrics.Kinds.TryGetValue(metric, out var known) ? known.ToString().ToLowerInvariant() : string.Empty;
        var kind = type == "rate" ? MetricKind.Rate : type == "trend" ? MetricKind.Trend : MetricKind.Counter;
        if (kind == MetricKind.Trend && !threshold.Expression.StartsWith("count", StringComparison.Ordinal))
        {
            return Units.Duration(actual);
        }

        if (kind == MetricKind.Rate && threshold.Expression.StartsWith("rate", StringComparison.Ordinal))
        {
            return Units.Percent(actual);
        }

        // A counter's rate (http_reqs rate>100) is a rate like the summary's, not 3,953.736; bytes read as bytes.
        var bytes = kind == MetricKind.Counter && m?.Unit == "B";
        if (kind == MetricKind.Counter && threshold.Expression.StartsWith("rate", StringComparison.Ordinal))
        {
            return bytes ? Units.ByteRate(actual) : Units.Rate(actual);
        }

        return bytes ? Units.Bytes(actual) : Units.Number(actual);
    }

    /// <summary>A watched target metric's value in its unit; a bound in % was judged as a share of the limit, so it reads as one.</summary>
    private static string Watched(double actual, string unit, string expression) => unit switch
    {
        _ when expression.TrimEnd().EndsWith('%') => Units.Percent(actual),
        "ratio" => Units.Percent(actual),
        "cores" => Units.Number(Math.Round(actual, 3)) + " cores",
        "bytes" => Units.Bytes(actual),
        "bytes_per_second" => Units.ByteRate(actual),
        "per_second" => Units.Rate(actual),
        "ms" => Units.Duration(actual),
        _ => Units.Number(actual),
    };
}

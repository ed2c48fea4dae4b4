using System.Globalization;
using Pacer.Core.Plans;

namespace Pacer.Core.Thresholds;

/// <summary>
/// Evaluates thresholds against metric snapshots. A trend threshold over no samples passes with the note "no samples"
/// (as in k6: nothing was measured that breaks it), and the summary shows the note so it is never mistaken for a real pass —
/// unless the run sent requests and none was answered: then nothing can pass. A latency threshold whose samples are all
/// failures (no expected response among them, and no filter that asked for failures) does not pass either: a refused
/// connection is fast, and a green mark from 100% refused would be a number that cannot be true.
/// </summary>
public static class ThresholdEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="spec"/>; a null snapshot means the metric (or tag subset) was never recorded.
    /// <paramref name="run"/> says whether the run sent requests and got responses (null: not known, as in unit tests of a
    /// single metric).
    /// </summary>
    public static ThresholdVerdict Evaluate(ThresholdSpec spec, MetricSnapshot? snapshot, RunEvidence? run = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var e = spec.Expression;
        if (snapshot is null || (snapshot.Count == 0 && snapshot.Kind is MetricKind.Trend or MetricKind.Rate && e.Aggregation != ThresholdAggregation.Count))
        {
            return NoSamples(spec, run);
        }

        var actual = e.Aggregation switch
        {
            ThresholdAggregation.Avg => snapshot.Mean,
            ThresholdAggregation.Min => snapshot.Min,
            ThresholdAggregation.Max => snapshot.Max,
            ThresholdAggregation.Med => snapshot.Percentiles?.PercentileMs(50) ?? double.NaN,
            ThresholdAggregation.Percentile => snapshot.Percentiles?.PercentileMs(e.Percentile ?? 50) ?? double.NaN,
            ThresholdAggregation.Rate => snapshot.Rate,
            ThresholdAggregation.Count => snapshot.Count,
            ThresholdAggregation.Value => snapshot.Value,
            _ => double.NaN,
        };

        if (double.IsNaN(actual))
        {
            return NoSamples(spec, run);
        }

        if (snapshot.Successful == 0 && e.Aggregation != ThresholdAggregation.Count)
        {
            return new ThresholdVerdict(
                spec,
                false,
                actual,
                string.Create(CultureInfo.InvariantCulture, $"not passed: judged only on {snapshot.Count:#,0} failed requests, no successful response"));
        }

        return new ThresholdVerdict(spec, Holds(actual, e.Operator, e.Value), actual, null);
    }

    private static ThresholdVerdict NoSamples(ThresholdSpec spec, RunEvidence? run) =>
        run is { NoneAnswered: true }
            ? new ThresholdVerdict(spec, false, null, string.Create(CultureInfo.InvariantCulture, $"no samples: {run.Requests:#,0} requests were sent and none was answered"))
            : new ThresholdVerdict(spec, true, null, "no samples");

    /// <summary>Whether a failed verdict should stop the run now: the threshold is abortOnFail and its delayAbortEval has passed.</summary>
    public static bool ShouldAbort(ThresholdSpec spec, ThresholdVerdict verdict, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(verdict);
        return spec.AbortOnFail && !verdict.Passed && elapsed >= spec.DelayAbortEval;
    }

    private static bool Holds(double actual, ComparisonOperator op, double bound) => op switch
    {
        ComparisonOperator.Less => actual < bound,
        ComparisonOperator.LessOrEqual => actual <= bound,
        ComparisonOperator.Greater => actual > bound,
        ComparisonOperator.GreaterOrEqual => actual >= bound,
        ComparisonOperator.Equal => actual == bound,
        _ => actual != bound,
    };
}

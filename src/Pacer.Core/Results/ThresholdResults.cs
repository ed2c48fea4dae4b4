using System.Globalization;
using Pacer.Core.Thresholds;

namespace Pacer.Core.Results;

/// <summary>Threshold verdicts as the result file records them.</summary>
internal static class ThresholdResults
{
    /// <summary>
    /// The verdicts of <paramref name="verdicts"/>; the threshold that aborted the run (<paramref name="abortedBy"/>, at
    /// <paramref name="abortedAt"/>) failed, whatever the final figures say, and its note says when it stopped the run.
    /// </summary>
    public static List<ThresholdResult> From(IEnumerable<ThresholdVerdict> verdicts, Plans.ThresholdSpec? abortedBy = null, TimeSpan abortedAt = default) =>
        [.. verdicts.Select(v => new ThresholdResult(
            v.Spec.Key,
            v.Spec.Text,
            v.Passed && !ReferenceEquals(v.Spec, abortedBy),
            v.Actual,
            v.Spec.AbortOnFail,
            ReferenceEquals(v.Spec, abortedBy)
                ? string.Create(CultureInfo.InvariantCulture, $"aborted the run at {abortedAt.TotalSeconds:0.0} s")
                : v.Note)
        {
            Origin = v.Spec.Origin,
            Meaning = v.Spec.Meaning,
        })];

    /// <summary>
    /// Why the run cannot pass whatever its thresholds say: requests were sent and not one got a response (all refused, reset,
    /// timed out or abandoned), so no figure describes the service. Null when some response arrived (or nothing was sent).
    /// </summary>
    public static string? Unanswered(MetricCatalog catalog)
    {
        var evidence = catalog.Evidence;
        if (!evidence.NoneAnswered)
        {
            return null;
        }

        var kinds = string.Join(", ", catalog.Source.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value:#,0}")));
        return string.Create(CultureInfo.InvariantCulture, $"no request got a response: {evidence.Requests:#,0} sent, all failed ({kinds})");
    }
}

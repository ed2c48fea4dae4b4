using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Reports.Tests.Html;

/// <summary>
/// A run with every latency (totals, per request, per second and every histogram) made a whole number of times longer: a
/// regression no machine noise can hide. Also compiled into the CLI tests, which compare it with a real run.
/// </summary>
internal static class SlowerRun
{
    public static RunResult Of(RunResult run, int factor)
    {
        var duration = run.Metrics["http_req_duration"];
        var metrics = new Dictionary<string, MetricResult>(run.Metrics)
        {
            ["http_req_duration"] = duration with
            {
                P50 = duration.P50 * factor,
                P95 = duration.P95 * factor,
                P99 = duration.P99 * factor,
                Histogram = duration.Histogram is { } h ? Scale(h, factor) : null,
            },
        };

        return run with
        {
            Metrics = metrics,
            Requests = [.. run.Requests.Select(r => r with
            {
                Duration = r.Duration with
                {
                    P50 = r.Duration.P50 * factor,
                    P95 = r.Duration.P95 * factor,
                    P99 = r.Duration.P99 * factor,
                    Histogram = Scale(r.Duration.Histogram, factor),
                },
            })],
            Series = [.. run.Series.Select(i => i with { P50 = i.P50 * factor, P95 = i.P95 * factor, P99 = i.P99 * factor })],
        };
    }

    private static string Scale(string encoded, int factor)
    {
        var scaled = new LatencyHistogram();
        foreach (var bucket in LatencyHistogram.Decode(encoded).RecordedBuckets())
        {
            scaled.RecordValues(bucket.From * factor, bucket.Count);
        }

        return scaled.Encode();
    }
}

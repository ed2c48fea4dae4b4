using Pacer.Core.Results;

namespace Pacer.Reports.Tests.Html;

/// <summary>
/// A run as large as the report must handle: one hour of per-second series and 200 request names, each with a latency
/// histogram of its own. Built from a real run's result file so every histogram is a real encoding. Also compiled into
/// bench/large-report, which times opening the page in Chromium.
/// </summary>
public static class LargeRun
{
    /// <summary>Length of the run: one entry of the per-second series each.</summary>
    public const int Seconds = 3600;

    /// <summary>Request names, each with its own histogram.</summary>
    public const int RequestNames = 200;

    /// <summary>The large run, its requests and series made from <paramref name="real"/>'s first request and histograms.</summary>
    public static RunResult From(RunResult real)
    {
        ArgumentNullException.ThrowIfNull(real);
        var template = real.Requests[0];
        // As a run writes it: the busiest names (the highest numbers here) carry their latency per second.
        var requests = Enumerable.Range(0, RequestNames)
            .Select(i => template with
            {
                Name = $"GET /api/resource-{i:000}/items?page=${{page}}",
                Requests = template.Requests + i,
                Series = i >= RequestNames - NamesWithSeries ? NameSeries(i) : null,
            })
            .ToList();

        // Daily-traffic-like shape: a slow wave, a burst of errors in the middle and a latency bump, so LTTB has peaks to keep.
        var series = Enumerable.Range(1, Seconds).Select(t =>
        {
            var wave = 1 + (0.3 * Math.Sin(t / 300.0));
            var burst = t is > 1800 and < 1860;
            var rate = (long)(2000 * wave);
            return new IntervalResult(
                T: t,
                Requests: rate,
                Errors: burst ? rate / 20 : t % 97 == 0 ? 1 : 0,
                Dropped: 0,
                Active: (int)(40 * wave),
                Target: 2000,
                P50: 2 + wave,
                P95: (burst ? 40 : 8) * wave,
                P99: (burst ? 120 : 15) * wave * (1 + (0.2 * Math.Sin(t / 7.0))),
                Max: (burst ? 400 : 60) * wave,
                DataSent: rate * 120,
                DataReceived: rate * 900)
            {
                GeneratorCpu = Math.Round(0.2 * wave, 4),
                GeneratorLagP99 = Math.Round((burst ? 6 : 0.4) * wave, 3),
            };
        }).ToList();

        return real with
        {
            DurationSeconds = Seconds,
            EndedUtc = real.StartedUtc.AddSeconds(Seconds),
            Requests = requests,
            Series = series,
        };
    }

    /// <summary>Names whose per-second series a result carries (the result builder's bound).</summary>
    public const int NamesWithSeries = 12;

    private static List<RequestInterval> NameSeries(int name) =>
    [
        .. Enumerable.Range(1, Seconds).Select(t =>
        {
            var wave = 1 + (0.3 * Math.Sin((t + name) / 300.0));
            return new RequestInterval(t, (long)(10 * wave), t % 101 == 0 ? 1 : 0, Math.Round(2 + wave, 3), Math.Round(8 * wave, 3), Math.Round(15 * wave * (1 + (0.2 * Math.Sin(t / 7.0))), 3), Math.Round(60 * wave, 3));
        }),
    ];
}

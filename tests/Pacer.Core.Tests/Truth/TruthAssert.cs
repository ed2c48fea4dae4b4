using System.Globalization;

namespace Pacer.Core.Tests.Truth;

/// <summary>The truth suite's comparisons between Pacer's figures and the server's log, each failing with the numbers it saw.</summary>
internal static class TruthAssert
{
    /// <summary>
    /// For every request Pacer recorded: intended start ≤ send ≤ end, on the raw ticks (before the recorder rounds or clamps),
    /// so queue time ≥ 0 and duration ≥ service time hold without clamping.
    /// </summary>
    public static void IntendedBeforeSendBeforeEnd(TruthRun run)
    {
        var early = run.Observed.Where(o => o.SendTicks < o.IntendedTicks).ToList();
        var backwards = run.Observed.Where(o => o.EndTicks < o.SendTicks).ToList();
        var detail = early.Count == 0
            ? ""
            : Text($" (up to {early.Max(o => Reference.Micros(o.IntendedTicks - o.SendTicks)):0.#} µs early; by name: {ByName(run, early)})");
        Assert.True(
            early.Count == 0 && backwards.Count == 0,
            Text($"{run.Transport}: of {run.Observed.Count} requests, {early.Count} were sent before their intended start{detail}, and {backwards.Count} ended before they were sent"));
    }

    /// <summary>
    /// The warm-up sent every request of the plan, each as many times as the others (once per event loop, say), before the
    /// clock started, and nothing else.
    /// </summary>
    public static void WarmUpSentEachRequestAlike(TruthRun run, IReadOnlyList<string> paths)
    {
        var counts = run.WarmUp.GroupBy(r => r.Path).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(
            counts.Keys.Order(StringComparer.Ordinal).SequenceEqual(paths.Order(StringComparer.Ordinal)) && counts.Values.Distinct().Count() == 1,
            $"{run.Transport}: the warm-up sent {string.Join(", ", counts.Select(c => $"{c.Key} ×{c.Value}"))}; the plan's requests are {string.Join(", ", paths)}");
    }

    /// <summary>
    /// Counts exact: the requests the server saw during the run are Pacer's http_reqs, per name (<paramref name="nameOf"/> maps a
    /// path to Pacer's name) and per status, and Pacer's failures are the server's 4xx and 5xx answers.
    /// </summary>
    public static void CountsMatchTheServer(TruthRun run, Func<string, string> nameOf)
    {
        var totals = run.Outcome.Totals;
        Assert.True(run.Server.All(r => r.Status != 0), $"{run.Transport}: the server logged {run.Server.Count(r => r.Status == 0)} request(s) it could not answer");
        Assert.Equal(run.Server.Count, totals.Requests);
        Assert.Equal(run.Server.Count, run.Result.Metrics["http_reqs"].Count);
        Assert.Equal(run.Server.Count, run.Observed.Count);

        var serverByName = run.Server.GroupBy(r => nameOf(r.Path)).ToDictionary(g => g.Key, g => (long)g.Count());
        var pacerByName = totals.PerRequest.Where(r => r.Requests > 0).ToDictionary(r => r.Name, r => r.Requests);
        Assert.Equal(Sorted(serverByName), Sorted(pacerByName));

        var serverByStatus = run.Server.GroupBy(r => r.Status).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => (long)g.Count());
        var pacerByStatus = totals.Statuses.Where(s => s.Value.Count > 0).ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value.Count);
        Assert.Equal(Sorted(serverByStatus), Sorted(pacerByStatus));

        Assert.Equal(run.Server.LongCount(r => r.Status >= 400), totals.Failures);
        Assert.Equal(0, run.Outcome.Abandoned);
        Assert.Equal(0, totals.Dropped);
    }

    /// <summary>
    /// Percentiles within <paramref name="tolerance"/>: Pacer's value at each of <paramref name="percentiles"/> lies within
    /// the tolerance of the reference's value at the same rank, and not below it by more than the histogram's resolution
    /// (Pacer's interval contains the server's, so it can only be longer).
    /// </summary>
    public static void PercentilesMatch(string what, IReadOnlyList<decimal> percentiles, Func<decimal, double> pacerMs, IReadOnlyList<double> referenceMicros, double tolerance, IList<string> report)
    {
        var sorted = referenceMicros.Order().ToList();
        var misses = new List<string>();
        foreach (var p in percentiles)
        {
            var truth = Reference.At(sorted, p) / 1000;
            var pacer = pacerMs(p);
            var difference = (pacer - truth) / truth;
            report.Add(Text($"{what} p{p}: Pacer {pacer:0.000} ms, reference {truth:0.000} ms ({difference:+0.00%;-0.00%})"));
            // The histogram keeps 3 significant digits (buckets up to 0.1% wide) and whole microseconds.
            if (difference > tolerance || difference < -0.001 - (0.001 / truth))
            {
                misses.Add(Text($"p{p} {pacer:0.000} ms vs {truth:0.000} ms ({difference:+0.00%;-0.00%})"));
            }
        }

        Assert.True(misses.Count == 0, $"{what}: not within {tolerance:0%} of the reference (n = {sorted.Count}): {string.Join(", ", misses)}");
    }

    /// <summary>
    /// Per step, Pacer's latency is never below the server's service time: each request's interval at Pacer (intended start to
    /// end) contains the server's (arrival to answer), so every order statistic of Pacer's latencies is at least the same order
    /// statistic of the server's service times. Checked on the reported histogram, at every percentile from 1 to 100.
    /// </summary>
    public static void LatencyNeverBelowService(TruthRun run, string name, IEnumerable<TruthRecord> server, IList<string> report)
    {
        var histogram = run.Outcome.Totals.PerRequest[run.IndexOf(name)].Latency;
        var service = server.Select(r => r.ServiceMicros).Order().ToList();
        Assert.Equal(service.Count, histogram.TotalCount);
        var below = new List<string>();
        for (var p = 1; p <= 100; p++)
        {
            var truth = Reference.At(service, p);
            var pacer = histogram.ValueAtPercentile(p);
            if (pacer < (truth * 0.999) - 1)
            {
                below.Add(Text($"p{p} {pacer / 1000.0:0.000} < {truth / 1000:0.000} ms"));
            }
        }

        report.Add(Text($"{run.Transport} {name}: latency min {histogram.Min / 1000.0:0.000} ms vs server service min {service[0] / 1000:0.000} ms; p50 {histogram.ValueAtPercentile(50) / 1000.0:0.000} vs {Reference.At(service, 50m) / 1000:0.000} ms; {below.Count} percentiles below the server's service time"));
        Assert.True(below.Count == 0, $"{run.Transport} {name}: Pacer's latency is below the server's own service time at {below.Count} of 100 percentiles: {string.Join(", ", below.Take(12))}");
    }

    private static string ByName(TruthRun run, IEnumerable<ObservedRequest> requests) =>
        string.Join(", ", requests.GroupBy(o => run.Outcome.Totals.PerRequest[o.RequestIndex].Name).Select(g => $"{g.Key} {g.Count()}"));

    private static List<KeyValuePair<string, long>> Sorted(Dictionary<string, long> counts) => [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal)];

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

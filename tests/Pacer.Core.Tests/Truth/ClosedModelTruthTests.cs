using System.Diagnostics;
using System.Globalization;
using Pacer.Core.Transport;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Truth;

/// <summary>The closed model against the truth server: counts, service-time percentiles, concurrency and the users gauge.</summary>
[Collection(nameof(TruthCollection))]
public sealed class ClosedModelTruthTests(ITestOutputHelper output)
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    [Theory]
    [InlineData(TransportChoice.Lean)]
    [InlineData(TransportChoice.HttpClient)]
    public Task RequestMix_CountsExact_ServicePercentilesWithinTwoPercent_UsersBoundedByTheTarget(TransportChoice choice) => TruthRetry.WhileDisturbedAsync(output, async () =>
    {
        // 4 users for 1.5 s over three requests answered 200, 404 and 503, with service times spread over 10–50 ms (long
        // enough that loopback and a busy machine's wake-ups stay under 2%).
        using var server = new TruthServer(r => new TruthReply(
            r.Path switch { "/a" => 200, "/b" => 404, _ => 503 },
            r.ArrivalTicks + (10 * Millisecond) + (r.Index * 37 % 100 * 4 * Millisecond / 10)));
        var run = await TruthRunner.RunAsync($$"""
            target: {{server.BaseAddress}}
            requests:
              - { name: a, path: /a, weight: 5 }
              - { name: b, path: /b, weight: 3 }
              - { name: c, path: /c, weight: 2 }
            load: { model: closed, vus: 4, duration: 1500ms }
            """, server, choice);

        var failures = new TruthFailures();
        failures.Check(() => TruthAssert.WarmUpSentEachRequestAlike(run, ["/a", "/b", "/c"]));
        failures.Check(() => TruthAssert.CountsMatchTheServer(run, path => path.TrimStart('/')));
        failures.Check(() => TruthAssert.IntendedBeforeSendBeforeEnd(run));

        var report = new List<string>();
        var service = run.Outcome.Totals.ServiceTime;
        failures.Check(() => TruthAssert.PercentilesMatch($"{run.Transport} closed service time", Reference.BelowTheMaximum, p => service.ValueAtPercentile((double)p) / 1000.0, [.. run.Server.Select(r => r.ServiceMicros)], 0.02, report));
        var duration = run.Outcome.Totals.Latency;
        failures.Check(() => TruthAssert.PercentilesMatch($"{run.Transport} closed duration", Reference.BelowTheMaximum, p => duration.ValueAtPercentile((double)p) / 1000.0, [.. run.Server.Select(r => r.ServiceMicros)], 0.02, report));

        // Four users: the server never answers more than four at once, and the gauge follows the users during the load.
        var concurrent = Reference.MaxConcurrent(run.Server);
        var vus = run.Result.Metrics["vus"];
        report.Add(Text($"{run.Transport}: {run.Server.Count} requests, server max concurrency {concurrent}, vus gauge value {vus.Value} min {vus.Min} max {vus.Max}, lag p99 {run.Outcome.Generator.LagP99Ms:0.###} ms"));
        report.ForEach(output.WriteLine);
        failures.Check(() => Assert.InRange(concurrent, 1, 4));
        failures.Check(() => Assert.True(vus.Max == 4 && vus.Min is >= 1 and <= 4 && vus.Value is >= 1 and <= 4, $"the vus gauge says value {vus.Value} min {vus.Min} max {vus.Max}; 4 users ran throughout the load"));
        output.WriteLine(run.MachineNote);
        failures.ThrowIfAny(run);
    });

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

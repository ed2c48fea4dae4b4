using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport.Http1;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>
/// The engine's allocation per request. The GC's counter is process-wide, so this runs in a collection of its own that xunit
/// runs after, not alongside, the other tests of this assembly.
/// </summary>
[Collection(nameof(AllocationMeasurement))]
public sealed class Http1AllocationTests(ITestOutputHelper output)
{
    /// <summary>Under 2.6 bytes per request: a single allocation per request (the smallest object is 24 bytes) cannot hide in it.</summary>
    internal const long AllowedPerHundredThousand = 256 * 1024;

    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    [Fact]
    public async Task RunAsync_HundredThousandRequests_AllocateNothingPerRequest()
    {
        // The engine's hot path (schedule, send, parse, record) must not allocate per request. Fixed costs (recorder,
        // histograms, per-second ticks) are the same for a short and a long run, so the difference between a run of 20,000
        // and one of 120,000 requests is what 100,000 requests allocate. The counter is process-wide, and the test host
        // allocates on its own threads now and then (most of a megabyte in its first seconds): that noise only ever adds, so
        // each size is measured three times and the smallest figure of each counts.
        using var server = ScriptedServer.Always(Ok);
        await AllocatedDuringRunAsync(server.BaseAddress, 20_000);
        long small = long.MaxValue, large = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            small = Math.Min(small, await AllocatedDuringRunAsync(server.BaseAddress, 20_000));
            large = Math.Min(large, await AllocatedDuringRunAsync(server.BaseAddress, 120_000));
        }

        var perHundredThousand = large - small;
        output.WriteLine($"allocated: {small:N0} B for 20k requests, {large:N0} B for 120k: {perHundredThousand:N0} B per 100k requests");
        Assert.True(perHundredThousand < AllowedPerHundredThousand, $"100,000 requests allocated {perHundredThousand:N0} bytes");
    }

    [Fact]
    public async Task RunAsync_OpenModelHundredThousandRequests_AllocateNothingPerRequest()
    {
        // The same measurement for the open model: arrivals released by the dispatcher, handed to the event loop ahead of their
        // time, held there and written when due. At 40,000 arrivals/s the runs are short, which leaves the test host's own
        // allocations less time to add noise; the difference of 80,000 requests is scaled to 100,000.
        using var server = ScriptedServer.Always(Ok);
        await AllocatedDuringOpenRunAsync(server.BaseAddress, 20_000);
        long small = long.MaxValue, large = long.MaxValue;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            small = Math.Min(small, await AllocatedDuringOpenRunAsync(server.BaseAddress, 20_000));
            large = Math.Min(large, await AllocatedDuringOpenRunAsync(server.BaseAddress, 100_000));
        }

        var perHundredThousand = (large - small) * 100_000 / 80_000;
        output.WriteLine($"allocated: {small:N0} B for 20k requests, {large:N0} B for 100k: {perHundredThousand:N0} B per 100k requests");
        Assert.True(perHundredThousand < AllowedPerHundredThousand, $"100,000 requests allocated {perHundredThousand:N0} bytes");
    }

    private static async Task<long> AllocatedDuringOpenRunAsync(Uri url, long requests)
    {
        const double Rate = 40_000;
        var plan = TestPlans.Open(url, Rate, seconds: requests / Rate, maxConnections: 50);
        plan = plan with { Load = plan.Load with { Warmup = false } };
        await using var transport = new Http1Transport(plan.Requests, loopCount: 1);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(requests, outcome.Totals.Requests + outcome.Totals.Dropped);
        Assert.Equal(0, outcome.Totals.Failures);
        return allocated;
    }

    private static async Task<long> AllocatedDuringRunAsync(Uri url, long requests)
    {
        var plan = TestPlans.Closed(url, (120.0, 8.0)) with { };
        plan = plan with { Load = plan.Load with { StartTarget = 8, MaxRequests = requests, Warmup = false } };
        await using var transport = new Http1Transport(plan.Requests, loopCount: 1);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(requests, outcome.Totals.Requests);
        Assert.Equal(0, outcome.Totals.Failures);
        return allocated;
    }
}

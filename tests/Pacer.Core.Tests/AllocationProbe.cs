namespace Pacer.Core.Tests;

/// <summary>
/// What 100,000 requests allocate, measured as the difference between a short and a long run: fixed costs (recorder,
/// histograms, per-second ticks) are the same for both, so the difference is the per-request cost. The GC's counter is
/// process-wide and the test host allocates on its own threads now and then (most of a megabyte in its first seconds); that
/// noise only ever adds, so each size is measured several times and the smallest figure of each counts.
/// </summary>
internal static class AllocationProbe
{
    /// <summary>Under 2.6 bytes per request: a single allocation per request (the smallest object is 24 bytes) cannot hide in it.</summary>
    public const long AllowedPerHundredThousand = 256 * 1024;

    /// <param name="allocatedDuringRun">Runs that many requests and returns the bytes the process allocated meanwhile.</param>
    /// <param name="small">Requests in the short run.</param>
    /// <param name="large">Requests in the long run.</param>
    /// <param name="attempts">Measurements of each size, after one unmeasured warm-up run.</param>
    public static async Task<AllocationFigure> PerHundredThousandAsync(Func<long, Task<long>> allocatedDuringRun, long small, long large, int attempts)
    {
        await allocatedDuringRun(small);
        long smallest = long.MaxValue, largest = long.MaxValue;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            smallest = Math.Min(smallest, await allocatedDuringRun(small));
            largest = Math.Min(largest, await allocatedDuringRun(large));
        }

        return new AllocationFigure(small, smallest, large, largest, (largest - smallest) * 100_000 / (large - small));
    }
}

/// <summary>Bytes allocated by a short and a long run, and the difference scaled to 100,000 requests.</summary>
internal readonly record struct AllocationFigure(long SmallRequests, long SmallBytes, long LargeRequests, long LargeBytes, long PerHundredThousand)
{
    public override string ToString() =>
        $"allocated: {SmallBytes:N0} B for {SmallRequests:N0} requests, {LargeBytes:N0} B for {LargeRequests:N0}: {PerHundredThousand:N0} B per 100k requests";
}

namespace Pacer.DemoTarget;

/// <summary>
/// The leak switch (<c>--leak-per-request</c>): every request keeps <c>perRequest</c> bytes alive for the life of the process,
/// written so the pages are really resident, until <c>cap</c> bytes are kept; past the cap nothing more is kept, so a test (or
/// a forgotten demo) cannot eat the machine. The memory then levels off, as a leak's never would.
/// </summary>
internal sealed class RetainedLeak(long perRequest, long cap)
{
    private readonly List<byte[]> kept = [];
    private readonly Lock gate = new();
    private long retained;

    /// <summary>Bytes kept so far.</summary>
    public long Retained => Interlocked.Read(ref retained);

    /// <summary>Keeps one request's bytes, unless the cap is reached.</summary>
    public void Retain()
    {
        if (perRequest <= 0 || Interlocked.Read(ref retained) + perRequest > cap)
        {
            return;
        }

        var block = new byte[perRequest];
        // Touch every page: a fresh large array can be zero pages the kernel has not backed yet, which RSS would not show.
        for (var i = 0; i < block.Length; i += 4096)
        {
            block[i] = 1;
        }

        lock (gate)
        {
            if (retained + perRequest > cap)
            {
                return;
            }

            kept.Add(block);
            Interlocked.Add(ref retained, perRequest);
        }
    }
}

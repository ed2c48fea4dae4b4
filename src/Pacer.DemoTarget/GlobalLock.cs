namespace Pacer.DemoTarget;

/// <summary>
/// One lock for the whole service (<c>/lock?ms=N</c>): each request waits for it, holds it for N ms without using the CPU, and
/// lets it go. Requests queue behind each other, so latency grows with load while the CPU stays idle — what a contended lock
/// looks like from outside.
/// </summary>
internal sealed class GlobalLock : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Waits for the lock, holds it for <paramref name="hold"/>, and returns how long it waited.</summary>
    public async Task<TimeSpan> HoldAsync(TimeSpan hold, CancellationToken cancellationToken)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        await gate.WaitAsync(cancellationToken);
        var waited = waiting.Elapsed;
        try
        {
            // A sleep, not a spin: the point is a lock held while the CPU has nothing to do (the demo's own behaviour, not a timing of Pacer's).
            await Task.Delay(hold, cancellationToken);
        }
        finally
        {
            gate.Release();
        }

        return waited;
    }

    public void Dispose() => gate.Dispose();
}

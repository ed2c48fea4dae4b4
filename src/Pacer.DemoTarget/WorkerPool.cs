using System.Security.Cryptography;

namespace Pacer.DemoTarget;

/// <summary>
/// A bounded pool: at most <c>size</c> pieces of work run at once; the rest wait. A piece is CPU work (hash rounds), then,
/// when <c>workWait</c> is set, a wait that keeps its worker (a simulated downstream call). Its counters show on /health:
/// besides the workers busy and the pieces queued now, every piece run so far and the time workers were held in all, so a
/// client can read the service time of a piece (<see cref="BusyMilliseconds"/> ÷ <see cref="Completed"/>) as the service
/// itself saw it — on a busy machine, CPU work takes longer than its cost alone says.
/// </summary>
internal sealed class WorkerPool(int size, int workCost, TimeSpan workWait = default) : IDisposable
{
    private readonly SemaphoreSlim slots = new(size, size);
    private int busy;
    private int queued;
    private long completed;
    private long busyTicks;

    public int Size => size;

    /// <summary>The least wall time a piece hashes for (<see cref="DemoTargetOptions.WorkTime"/>); zero for its rounds alone.</summary>
    public TimeSpan WorkTime { get; init; }

    public int Busy => Volatile.Read(ref busy);

    public int Queued => Volatile.Read(ref queued);

    /// <summary>Pieces of work that got a worker and finished (or were cancelled while holding it).</summary>
    public long Completed => Interlocked.Read(ref completed);

    /// <summary>The time workers were held by those pieces, in all, ms.</summary>
    public double BusyMilliseconds => Interlocked.Read(ref busyTicks) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>Waits for a worker, runs <paramref name="rounds"/>·WorkCost hash rounds on it, and returns when and how long it worked.</summary>
    public async Task<WorkReceipt> RunAsync(double rounds, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref queued);
        try
        {
            await slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref queued);
        }

        Interlocked.Increment(ref busy);
        var held = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var started = DateTimeOffset.UtcNow;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var digest = Work((int)(workCost * rounds));
            while (WorkTime > TimeSpan.Zero && watch.Elapsed < WorkTime)
            {
                // A spin, not a sleep: the time is spent on the CPU, as the work's rounds are.
                digest = Work(64);
            }

            if (workWait > TimeSpan.Zero)
            {
                // A simulated downstream call: the worker is held, the CPU is not. The demo's own delay, so Task.Delay's
                // millisecond precision is enough; nothing Pacer measures depends on it being exact.
                await Task.Delay(workWait, cancellationToken);
            }

            return new WorkReceipt(started, watch.Elapsed.TotalMilliseconds, digest);
        }
        finally
        {
            // Counted before the worker is released, so a client that saw its answer sees the piece counted.
            Interlocked.Add(ref busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - held);
            Interlocked.Increment(ref completed);
            Interlocked.Decrement(ref busy);
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();

    private static string Work(int rounds)
    {
        Span<byte> buffer = stackalloc byte[256];
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)i;
        }

        for (var i = 0; i < rounds; i++)
        {
            SHA256.HashData(buffer, buffer[..32]);
        }

        return Convert.ToHexStringLower(buffer[..8]);
    }
}

/// <summary>When a piece of work started on a worker, how long it ran, and what it computed.</summary>
internal sealed record WorkReceipt(DateTimeOffset StartedUtc, double DurationMs, string Digest);

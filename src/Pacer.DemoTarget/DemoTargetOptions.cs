namespace Pacer.DemoTarget;

/// <summary>Settings of the demo target. Validate with <see cref="Validate"/> (the host does so on start).</summary>
public sealed record DemoTargetOptions
{
    /// <summary>Address to listen on; loopback by default.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Workers that run session creation and commands; requests beyond them queue, which is where latency grows under load.</summary>
    public int WorkerPoolSize { get; init; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>SHA-256 rounds per command over a 256-byte buffer: CPU work, not a sleep. The default costs about 0.1–0.3 ms on a current core.</summary>
    public int WorkCost { get; init; } = 400;

    /// <summary>
    /// How long each piece of work also holds its worker without using the CPU, as a call to a database or another service
    /// would; zero by default. With it the pool, not the machine's cores, sets the ceiling (workers ÷ wait), so the right pool
    /// size shows even on a busy machine.
    /// </summary>
    public TimeSpan WorkWait { get; init; }

    /// <summary>
    /// The least wall time each piece of work spends on the CPU: after its <see cref="WorkCost"/> rounds it keeps hashing until
    /// this much time has passed since it began; zero by default. A cost in rounds takes longer on a busy machine, whose cores
    /// the worker shares; a cost in time is the same however busy the machine is (the worker's thread still burns CPU while
    /// it runs), so the ceiling of one worker, 1 ÷ this time, stays put where a test needs a known one.
    /// </summary>
    public TimeSpan WorkTime { get; init; }

    /// <summary>Whether reads of sessions go through a cache.</summary>
    public bool CacheEnabled { get; init; } = true;

    /// <summary>
    /// How many command results the work cache keeps (least recently used go first); 0, the default, keeps none. A command whose
    /// text was run recently is answered without a worker or the work: a knob whose right size depends on how many distinct
    /// commands the load sends.
    /// </summary>
    public int WorkCacheSize { get; init; }

    /// <summary>The largest <see cref="WorkCacheSize"/> allowed.</summary>
    public const int MaxWorkCacheSize = 1_000_000;

    /// <summary>Fraction of requests answered 500 (deterministic sequence), for error-handling demos and tests.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Delay added to every request.</summary>
    public TimeSpan ExtraLatency { get; init; }

    /// <summary>Speak only HTTP/2 with prior knowledge (h2c) instead of HTTP/1.1, for trying <c>pacer run --http2</c> without certificates.</summary>
    public bool Http2Only { get; init; }

    /// <summary>CPU time <c>/cpu</c> burns per request when its <c>ms</c> is not given (the thread's own CPU clock, not the wall clock).</summary>
    public TimeSpan CpuPerRequest { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long <c>/lock</c> holds the service's one global lock per request when its <c>ms</c> is not given.</summary>
    public TimeSpan LockHold { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Bytes every request keeps alive for good (the leak switch); 0, the default, keeps nothing.</summary>
    public long LeakPerRequest { get; init; }

    /// <summary>The most the leak keeps in all (256 MiB by default, 1 GiB at most): past it the memory levels off, so nothing can eat the machine.</summary>
    public long LeakCap { get; init; } = MaxLeakCap / 4;

    /// <summary>The largest <see cref="LeakCap"/> allowed: 1 GiB.</summary>
    public const long MaxLeakCap = 1L << 30;

    /// <summary>The most CPU or lock time one request may ask for (<c>?ms=</c>, or the defaults above).</summary>
    public static readonly TimeSpan MaxPerRequest = TimeSpan.FromSeconds(1);

    /// <summary>No request logging.</summary>
    public bool Quiet { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host) || !System.Net.IPAddress.TryParse(Host, out _) && Host != "localhost")
        {
            throw new ArgumentException($"host '{Host}' is not an IP address (e.g. 127.0.0.1)");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"port {Port} is outside 0–65535");
        }

        if (WorkerPoolSize is < 1 or > 4096)
        {
            throw new ArgumentException($"worker pool size {WorkerPoolSize} must be between 1 and 4096");
        }

        if (WorkCost is < 0 or > 1_000_000)
        {
            throw new ArgumentException($"work cost {WorkCost} must be between 0 and 1000000");
        }

        if (WorkWait < TimeSpan.Zero || WorkWait > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"work wait {WorkWait.TotalMilliseconds:0.###} ms must be between 0 and 1 minute");
        }

        if (WorkTime < TimeSpan.Zero || WorkTime > MaxPerRequest)
        {
            throw new ArgumentException($"work time {WorkTime.TotalMilliseconds:0.###} ms must be between 0 and 1000 ms");
        }

        if (WorkCacheSize is < 0 or > MaxWorkCacheSize)
        {
            throw new ArgumentException($"work cache size {WorkCacheSize} must be between 0 and {MaxWorkCacheSize}");
        }

        if (ErrorRate is < 0 or > 1 || double.IsNaN(ErrorRate))
        {
            throw new ArgumentException($"error rate {ErrorRate} must be between 0 and 1");
        }

        if (CpuPerRequest < TimeSpan.Zero || CpuPerRequest > MaxPerRequest)
        {
            throw new ArgumentException($"CPU per request {CpuPerRequest.TotalMilliseconds} ms must be between 0 and 1000 ms");
        }

        if (LockHold < TimeSpan.Zero || LockHold > MaxPerRequest)
        {
            throw new ArgumentException($"lock hold {LockHold.TotalMilliseconds} ms must be between 0 and 1000 ms");
        }

        if (LeakCap is < 0 or > MaxLeakCap)
        {
            throw new ArgumentException($"leak cap {LeakCap} bytes must be between 0 and {MaxLeakCap} (1 GiB)");
        }

        if (LeakPerRequest < 0 || LeakPerRequest > LeakCap)
        {
            throw new ArgumentException($"leak per request {LeakPerRequest} bytes must be between 0 and the leak cap ({LeakCap} bytes)");
        }

        if (ExtraLatency < TimeSpan.Zero || ExtraLatency > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"extra latency {ExtraLatency} must be between 0 and 1 minute");
        }
    }
}

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

    /// <summary>Whether reads of sessions go through a cache.</summary>
    public bool CacheEnabled { get; init; } = true;

    /// <summary>Fraction of requests answered 500 (deterministic sequence), for error-handling demos and tests.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Delay added to every request.</summary>
    public TimeSpan ExtraLatency { get; init; }

    /// <summary>Speak only HTTP/2 with prior knowledge (h2c) instead of HTTP/1.1, for trying <c>pacer run --http2</c> without certificates.</summary>
    public bool Http2Only { get; init; }

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

        if (ErrorRate is < 0 or > 1 || double.IsNaN(ErrorRate))
        {
            throw new ArgumentException($"error rate {ErrorRate} must be between 0 and 1");
        }

        if (ExtraLatency < TimeSpan.Zero || ExtraLatency > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"extra latency {ExtraLatency} must be between 0 and 1 minute");
        }
    }
}

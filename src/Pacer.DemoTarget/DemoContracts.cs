namespace Pacer.DemoTarget;

internal sealed record LoginRequest(string? Username, string? Password);

internal sealed record LoginResponse(string Token, int ExpiresIn);

internal sealed record CreateSessionRequest(string? Name);

internal sealed record CommandRequest(string? Command);

internal sealed record CommandResponse(string SessionId, string Command, string Output, int ExitCode, double DurationMs, DateTimeOffset StartedAt);

internal sealed record SessionView(string Id, string Name, DateTimeOffset CreatedAt, string Status)
{
    public static SessionView From(Session s) => new(s.Id, s.Name, s.CreatedAt, s.Status);
}

internal sealed record SessionList(IReadOnlyList<SessionView> Sessions, int Total);

internal sealed record ErrorBody(string Error);

internal sealed record WorkerStats(int Size, int Busy, int Queued, long Completed, double BusyMs);

internal sealed record CacheStats(bool Enabled, long Hits, long Misses);

internal sealed record HealthResponse(string Status, int Sessions, WorkerStats Workers, CacheStats Cache, WorkCacheStats WorkCache, long LeakedBytes);

/// <summary>The work cache on /health: its size, what it holds, and its hits and misses (size 0: off, nothing counted).</summary>
internal sealed record WorkCacheStats(int Size, int Entries, long Hits, long Misses);

internal sealed record CpuResponse(double CpuMs);

internal sealed record LockResponse(double WaitedMs, double HeldMs);

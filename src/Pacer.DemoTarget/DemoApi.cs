using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pacer.DemoTarget;

/// <summary>
/// The demo service's endpoints, modelled on a terminal-session API: login, sessions, commands, health.
/// Requests need no token (a plain load test just works), but a Bearer token that was never issued is rejected with 401.
/// </summary>
internal sealed class DemoApi(DemoTargetOptions options, WorkerPool pool) : IDisposable
{
    private static readonly TimeSpan ListCacheLifetime = TimeSpan.FromSeconds(1);
    private readonly SessionStore store = new();
    private readonly GlobalLock globalLock = new();
    private readonly RetainedLeak leak = new(options.LeakPerRequest, options.LeakCap);
    private readonly ConcurrentDictionary<string, DateTimeOffset> tokens = new();
    private readonly ConcurrentDictionary<string, Session> sessionCache = new();
    private CachedList? listCache;
    private long hits;
    private long misses;
    private long requestCount;

    public void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
        {
            if (options.ExtraLatency > TimeSpan.Zero)
            {
                await Task.Delay(options.ExtraLatency, context.HttpContext.RequestAborted);
            }

            leak.Retain();
            if (ShouldFail())
            {
                return Results.Json(new ErrorBody("injected failure"), statusCode: StatusCodes.Status500InternalServerError);
            }

            var auth = context.HttpContext.Request.Headers.Authorization.ToString();
            if (auth.StartsWith("Bearer ", StringComparison.Ordinal) && !tokens.ContainsKey(auth[7..]))
            {
                return Results.Json(new ErrorBody("unknown token"), statusCode: StatusCodes.Status401Unauthorized);
            }

            return await next(context);
        });

        api.MapPost("/auth/login", Login);
        api.MapGet("/api/sessions", ListSessions);
        api.MapPost("/api/sessions", CreateSessionAsync);
        api.MapGet("/api/sessions/{id}", GetSession);
        api.MapPost("/api/sessions/{id}/command", RunCommandAsync);
        api.MapGet("/health", Health);
        api.MapGet("/cpu", BurnCpu);
        api.MapGet("/lock", HoldLockAsync);
    }

    public void Dispose()
    {
        pool.Dispose();
        globalLock.Dispose();
    }

    /// <summary><c>/cpu?ms=N</c>: burns N ms of CPU on the request's thread (not the worker pool), so load spreads over every core.</summary>
    private IResult BurnCpu(string? ms) => PerRequest(ms, options.CpuPerRequest) switch
    {
        { } cpu => Results.Ok(new CpuResponse(CpuBurner.Burn(cpu).TotalMilliseconds)),
        null => BadMs(ms),
    };

    /// <summary><c>/lock?ms=N</c>: waits for the service's one lock and holds it N ms: latency rises with load, CPU stays low.</summary>
    private async Task<IResult> HoldLockAsync(HttpContext context, string? ms)
    {
        if (PerRequest(ms, options.LockHold) is not { } hold)
        {
            return BadMs(ms);
        }

        var waited = await globalLock.HoldAsync(hold, context.RequestAborted);
        return Results.Ok(new LockResponse(waited.TotalMilliseconds, hold.TotalMilliseconds));
    }

    /// <summary>The request's <c>?ms=</c> (<paramref name="text"/>, 0 to 1000), or <paramref name="fallback"/> without one; null when it is not such a number.</summary>
    private static TimeSpan? PerRequest(string? text, TimeSpan fallback)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            && ms >= 0 && ms <= DemoTargetOptions.MaxPerRequest.TotalMilliseconds
            ? TimeSpan.FromMilliseconds(ms)
            : null;
    }

    private static IResult BadMs(string? ms) => Results.Json(
        new ErrorBody($"ms must be a number of milliseconds from 0 to 1000, not '{ms}'"),
        statusCode: StatusCodes.Status400BadRequest);

    private IResult Login(LoginRequest? body)
    {
        if (string.IsNullOrWhiteSpace(body?.Username) || string.IsNullOrEmpty(body.Password))
        {
            return Results.Json(new ErrorBody("username and password are required"), statusCode: StatusCodes.Status400BadRequest);
        }

        if (body.Password == "wrong")
        {
            return Results.Json(new ErrorBody("invalid credentials"), statusCode: StatusCodes.Status401Unauthorized);
        }

        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        tokens[token] = DateTimeOffset.UtcNow.AddHours(1);
        return Results.Ok(new LoginResponse(token, 3600));
    }

    private IResult ListSessions()
    {
        var version = store.Version;
        var cached = Volatile.Read(ref listCache);
        if (options.CacheEnabled && cached is not null && cached.Version == version && DateTimeOffset.UtcNow - cached.At < ListCacheLifetime)
        {
            Interlocked.Increment(ref hits);
            return Results.Text(cached.Json, "application/json");
        }

        Interlocked.Increment(ref misses);
        var recent = store.Recent(50);
        var json = System.Text.Json.JsonSerializer.Serialize(
            new SessionList([.. recent.Select(SessionView.From)], store.Count), DemoJson.Options);
        if (options.CacheEnabled)
        {
            Volatile.Write(ref listCache, new CachedList(version, DateTimeOffset.UtcNow, json));
        }

        return Results.Text(json, "application/json");
    }

    private async Task<IResult> CreateSessionAsync(HttpContext context, CreateSessionRequest? body)
    {
        await pool.RunAsync(1, context.RequestAborted);
        var session = store.Add(string.IsNullOrWhiteSpace(body?.Name) ? "session" : body.Name);
        return Results.Created($"/api/sessions/{session.Id}", SessionView.From(session));
    }

    private IResult GetSession(string id)
    {
        if (options.CacheEnabled && sessionCache.TryGetValue(id, out var cached))
        {
            Interlocked.Increment(ref hits);
            return Results.Ok(SessionView.From(cached));
        }

        Interlocked.Increment(ref misses);
        var session = store.Get(id);
        if (session is null)
        {
            return Results.Json(new ErrorBody($"no session {id}"), statusCode: StatusCodes.Status404NotFound);
        }

        if (options.CacheEnabled)
        {
            sessionCache[id] = session;
            if (sessionCache.Count > SessionStore.Capacity)
            {
                sessionCache.Clear();
            }
        }

        return Results.Ok(SessionView.From(session));
    }

    private async Task<IResult> RunCommandAsync(HttpContext context, string id, CommandRequest? body)
    {
        if (string.IsNullOrWhiteSpace(body?.Command))
        {
            return Results.Json(new ErrorBody("command is required"), statusCode: StatusCodes.Status400BadRequest);
        }

        if (store.Get(id) is null)
        {
            return Results.Json(new ErrorBody($"no session {id}"), statusCode: StatusCodes.Status404NotFound);
        }

        var receipt = await pool.RunAsync(1, context.RequestAborted);
        return Results.Ok(new CommandResponse(id, body.Command, $"{body.Command}: ok ({receipt.Digest})", 0, receipt.DurationMs, receipt.StartedUtc));
    }

    private IResult Health() => Results.Ok(new HealthResponse(
        "ok",
        store.Count,
        new WorkerStats(pool.Size, pool.Busy, pool.Queued),
        new CacheStats(options.CacheEnabled, Interlocked.Read(ref hits), Interlocked.Read(ref misses)),
        leak.Retained));

    private bool ShouldFail()
    {
        if (options.ErrorRate <= 0)
        {
            return false;
        }

        // Deterministic: request n fails when the running total of the error rate crosses an integer, so exactly that share fails.
        var n = Interlocked.Increment(ref requestCount);
        return Math.Floor(n * options.ErrorRate) > Math.Floor((n - 1) * options.ErrorRate);
    }

    private sealed record CachedList(long Version, DateTimeOffset At, string Json);
}

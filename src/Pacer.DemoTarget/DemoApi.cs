using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pacer.DemoTarget;

/// <summary>
/// The demo service's endpoints, modelled on a terminal-session API: login, sessions, commands (over HTTP and over a
/// WebSocket), broadcast rooms (<c>/rooms/{name}/ws</c>), health.
/// Requests need no token (a plain load test just works), but a Bearer token that was never issued is rejected with 401.
/// <paramref name="jsonOptions"/> are the app's JSON options, which every body but the cached session list is written with.
/// </summary>
internal sealed class DemoApi(DemoTargetOptions options, WorkerPool pool, JsonSerializerOptions jsonOptions) : IDisposable
{
    private static readonly TimeSpan ListCacheLifetime = TimeSpan.FromSeconds(1);
    private readonly SessionStore store = new();
    private readonly GlobalLock globalLock = new();
    private readonly RetainedLeak leak = new(options.LeakPerRequest, options.LeakCap);
    private readonly ConcurrentDictionary<string, DateTimeOffset> tokens = new();
    private readonly ConcurrentDictionary<string, Session> sessionCache = new();
    private readonly WorkCache workCache = new(options.WorkCacheSize);

    // Generated code (NativeAOT), with the app's options: the error bodies escape as little as every other answer.
    private readonly JsonTypeInfo<ErrorBody> errorJson = (JsonTypeInfo<ErrorBody>)jsonOptions.GetTypeInfo(typeof(ErrorBody));

    /// <summary>The broadcast rooms of <c>/rooms/{name}/ws</c>.</summary>
    public BroadcastRooms Rooms { get; } = new();
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
                return Error("injected failure", StatusCodes.Status500InternalServerError);
            }

            var auth = context.HttpContext.Request.Headers.Authorization.ToString();
            if (auth.StartsWith("Bearer ", StringComparison.Ordinal) && !tokens.ContainsKey(auth[7..]))
            {
                return Error("unknown token", StatusCodes.Status401Unauthorized);
            }

            return await next(context);
        });

        api.MapPost("/auth/login", Login);
        api.MapGet("/api/sessions", ListSessions);
        api.MapPost("/api/sessions", CreateSessionAsync);
        api.MapGet("/api/sessions/{id}", GetSession);
        api.MapPost("/api/sessions/{id}/command", RunCommandAsync);
        api.MapGet("/health", Health);

        // The session's terminal over a WebSocket (the seed's ws://…/sessions/{id}/ws): a plain endpoint, so the filter above
        // (which answers with JSON bodies) does not run; it checks the token itself.
        app.Map("/sessions/{id}/ws", SessionSocketAsync);

        // Broadcast rooms: every message a member sends is pushed to every member (server push for ws: hold).
        app.Map("/rooms/{name}/ws", Rooms.JoinAsync);
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

    private IResult BadMs(string? ms) => Error($"ms must be a number of milliseconds from 0 to 1000, not '{ms}'", StatusCodes.Status400BadRequest);

    private IResult Error(string message, int statusCode) => Results.Json(new ErrorBody(message), errorJson, statusCode: statusCode);

    private IResult Login(LoginRequest? body)
    {
        if (string.IsNullOrWhiteSpace(body?.Username) || string.IsNullOrEmpty(body.Password))
        {
            return Error("username and password are required", StatusCodes.Status400BadRequest);
        }

        if (body.Password == "wrong")
        {
            return Error("invalid credentials", StatusCodes.Status401Unauthorized);
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
        // The context's own options, not the app's: the list has always escaped <, >, &, ' and non-ASCII, the other bodies not.
        var json = JsonSerializer.Serialize(new SessionList([.. recent.Select(SessionView.From)], store.Count), DemoJsonContext.Default.SessionList);
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
            return Error($"no session {id}", StatusCodes.Status404NotFound);
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
            return Error("command is required", StatusCodes.Status400BadRequest);
        }

        if (store.Get(id) is null)
        {
            return Error($"no session {id}", StatusCodes.Status404NotFound);
        }

        // A cached result answers at once: no worker taken, no work done (duration 0).
        if (workCache.TryGet(body.Command, out var cached))
        {
            return Results.Ok(new CommandResponse(id, body.Command, $"{body.Command}: ok ({cached})", 0, 0, DateTimeOffset.UtcNow));
        }

        var receipt = await pool.RunAsync(1, context.RequestAborted);
        workCache.Add(body.Command, receipt.Digest);
        return Results.Ok(new CommandResponse(id, body.Command, $"{body.Command}: ok ({receipt.Digest})", 0, receipt.DurationMs, receipt.StartedUtc));
    }

    /// <summary>
    /// Runs commands sent over the socket: each text message <c>{"id": …, "command": "…"}</c> is answered by
    /// <c>{"id": …, "command": "…", "output": "…", "exit_code": 0, "duration_ms": …}</c> with the same id, after the same work as
    /// the HTTP command endpoint (shaped by <c>--work-cost</c>); a message that is not such JSON gets <c>{"error": "…"}</c>.
    /// The upgrade needs a token from <c>/auth/login</c> (401 without one) and an existing session (404).
    /// </summary>
    private async Task SessionSocketAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var auth = context.Request.Headers.Authorization.ToString();
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Error("this endpoint speaks WebSocket: connect with ws://", StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !tokens.ContainsKey(auth[7..]))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (store.Get(id) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var stop = context.RequestAborted;
        var chunk = new byte[8192];
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                message.ResetWrittenCount();
                System.Net.WebSockets.ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(chunk.AsMemory(), stop);
                    if (message.WrittenCount + received.Count > 1024 * 1024)
                    {
                        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.MessageTooBig, "messages are at most 1 MiB", stop);
                        return;
                    }

                    message.Write(chunk.AsSpan(0, received.Count));
                }
                while (!received.EndOfMessage && received.MessageType != System.Net.WebSockets.WebSocketMessageType.Close);

                if (received.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, string.Empty, stop);
                    return;
                }

                var reply = await ReplyAsync(id, message.WrittenMemory, stop);
                await socket.SendAsync(reply, System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, stop);
            }
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away without a close handshake: the session's socket is simply over.
        }
    }

    /// <summary>The answer to one command message (see <see cref="SessionSocketAsync"/>).</summary>
    private async Task<byte[]> ReplyAsync(string sessionId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        string? command = null;
        string? idJson = null;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(message);
            if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                idJson = doc.RootElement.TryGetProperty("id", out var idValue) ? idValue.GetRawText() : null;
                command = doc.RootElement.TryGetProperty("command", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.String ? c.GetString() : null;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: answered with an error below, as a terminal answers a line it cannot run.
        }

        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (idJson is not null)
            {
                json.WritePropertyName("id");
                json.WriteRawValue(idJson);
            }

            if (string.IsNullOrWhiteSpace(command))
            {
                json.WriteString("error", "send {\"id\": …, \"command\": \"…\"}");
            }
            else
            {
                var receipt = await pool.RunAsync(1, cancellationToken);
                json.WriteString("session_id", sessionId);
                json.WriteString("command", command);
                json.WriteString("output", $"{command}: ok ({receipt.Digest})");
                json.WriteNumber("exit_code", 0);
                json.WriteNumber("duration_ms", receipt.DurationMs);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private IResult Health() => Results.Ok(new HealthResponse(
        "ok",
        store.Count,
        new WorkerStats(pool.Size, pool.Busy, pool.Queued, pool.Completed, pool.BusyMilliseconds),
        new CacheStats(options.CacheEnabled, Interlocked.Read(ref hits), Interlocked.Read(ref misses)),
        new WorkCacheStats(workCache.Size, workCache.Count, workCache.Hits, workCache.Misses),
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

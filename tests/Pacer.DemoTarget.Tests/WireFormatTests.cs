using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using Pacer.DemoTarget;

namespace Pacer.DemoTarget.Tests;

/// <summary>
/// The demo service's exact bytes on the wire, body by body: snake_case names, property order, escapes, status codes and
/// content types, and the request bodies it accepts (the web defaults: any case of a name). These pin what the reflection
/// serializer answered before the source-generated context (NativeAOT); only ids, times, durations and digests are masked.
/// (The session list has always escaped &lt;, &gt;, &amp;, ' and non-ASCII; the other bodies, written with ASP.NET Core's relaxed
/// encoder, do not.)
/// </summary>
public sealed partial class WireFormatTests
{
    private const string Time = @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?\+00:00";

    [GeneratedRegex("\"(token|id|session_id)\":\"[0-9a-f]{12,32}\"")]
    private static partial Regex Ids();

    [GeneratedRegex("\"(created_at|started_at)\":\"" + Time + "\"")]
    private static partial Regex Times();

    [GeneratedRegex("\"(duration_ms|busy_ms|cpu_ms|waited_ms)\":[0-9.Ee+-]+")]
    private static partial Regex Durations();

    [GeneratedRegex(@"\(([0-9a-f]+)\)")]
    private static partial Regex Digests();

    private static string Masked(string body) =>
        Digests().Replace(Durations().Replace(Times().Replace(Ids().Replace(body, "\"$1\":\"ID\""), "\"$1\":\"TIME\""), "\"$1\":N"), "(DIGEST)");

    private static async Task<(HttpStatusCode Status, string? Type, string Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), Masked(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task EveryEndpoint_AnswersTheSameBytes()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { WorkerPoolSize = 2, CacheEnabled = false });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        Expect(HttpStatusCode.OK, """{"token":"ID","expires_in":3600}""", await SendAsync(client, HttpMethod.Post, "auth/login", """{"username":"demo","password":"demo"}"""));
        Expect(HttpStatusCode.OK, """{"token":"ID","expires_in":3600}""", await SendAsync(client, HttpMethod.Post, "auth/login", """{"Username":"demo","PASSWORD":"demo"}"""));
        Expect(HttpStatusCode.BadRequest, """{"error":"username and password are required"}""", await SendAsync(client, HttpMethod.Post, "auth/login", """{"username":"demo"}"""));
        Expect(HttpStatusCode.Unauthorized, """{"error":"invalid credentials"}""", await SendAsync(client, HttpMethod.Post, "auth/login", """{"username":"demo","password":"wrong"}"""));

        var (status, type, created) = await SendAsync(client, HttpMethod.Post, "api/sessions", """{"name":"caf\u00e9 <one> & 'two'"}""");
        Assert.Equal((HttpStatusCode.Created, "application/json; charset=utf-8"), (status, type));
        Assert.Equal("""{"id":"ID","name":"café <one> & 'two'","created_at":"TIME","status":"active"}""", created);
        var list = await client.GetStringAsync("api/sessions");
        var id = Regex.Match(list, "\"id\":\"([0-9a-f]{12})\"").Groups[1].Value;
        Assert.Equal("""{"sessions":[{"id":"ID","name":"caf\u00E9 \u003Cone\u003E \u0026 \u0027two\u0027","created_at":"TIME","status":"active"}],"total":1}""", Masked(list));
        Expect(HttpStatusCode.OK, created, await SendAsync(client, HttpMethod.Get, $"api/sessions/{id}"));
        Expect(HttpStatusCode.NotFound, """{"error":"no session nope"}""", await SendAsync(client, HttpMethod.Get, "api/sessions/nope"));

        Expect(HttpStatusCode.OK, """{"session_id":"ID","command":"ls","output":"ls: ok (DIGEST)","exit_code":0,"duration_ms":N,"started_at":"TIME"}""", await SendAsync(client, HttpMethod.Post, $"api/sessions/{id}/command", """{"Command":"ls"}"""));
        Expect(HttpStatusCode.BadRequest, """{"error":"command is required"}""", await SendAsync(client, HttpMethod.Post, $"api/sessions/{id}/command", "{}"));

        Expect(HttpStatusCode.OK, """{"cpu_ms":N}""", await SendAsync(client, HttpMethod.Get, "cpu?ms=1"));
        Expect(HttpStatusCode.BadRequest, """{"error":"ms must be a number of milliseconds from 0 to 1000, not 'x'"}""", await SendAsync(client, HttpMethod.Get, "cpu?ms=x"));
        Expect(HttpStatusCode.OK, """{"waited_ms":N,"held_ms":1}""", await SendAsync(client, HttpMethod.Get, "lock?ms=1"));
        Expect(HttpStatusCode.OK, """{"status":"ok","sessions":1,"workers":{"size":2,"busy":0,"queued":0,"completed":2,"busy_ms":N},"cache":{"enabled":false,"hits":0,"misses":3},"work_cache":{"size":0,"entries":0,"hits":0,"misses":0},"leaked_bytes":0}""", await SendAsync(client, HttpMethod.Get, "health"));
        Expect(HttpStatusCode.BadRequest, """{"error":"this endpoint speaks WebSocket: connect with ws://"}""", await SendAsync(client, HttpMethod.Get, $"sessions/{id}/ws"));
        Expect(HttpStatusCode.Unauthorized, """{"error":"unknown token"}""", await SendWithTokenAsync(client, "forged"));
    }

    private static void Expect(HttpStatusCode status, string body, (HttpStatusCode Status, string? Type, string Body) actual)
    {
        Assert.Equal(status, actual.Status);
        Assert.Equal("application/json; charset=utf-8", actual.Type);
        Assert.Equal(body, actual.Body);
    }

    private static async Task<(HttpStatusCode Status, string? Type, string Body)> SendWithTokenAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "health") { Headers = { { "Authorization", "Bearer " + token } } };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnInjectedFailure_IsA500WithAnErrorBody()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { ErrorRate = 1 });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        Expect(HttpStatusCode.InternalServerError, """{"error":"injected failure"}""", await SendAsync(client, HttpMethod.Get, "health"));
    }

    [Fact]
    public async Task ARoomsGreeting_EscapesItsName()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri("ws" + host.BaseAddress.ToString()[4..] + "rooms/a%3Cb%22c/ws"), timeout.Token);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);

        Assert.Equal("""{"type":"joined","room":"a\u003Cb\u0022c","members":1}""", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }
}

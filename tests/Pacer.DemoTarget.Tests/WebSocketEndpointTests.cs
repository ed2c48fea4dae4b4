using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Pacer.DemoTarget;

namespace Pacer.DemoTarget.Tests;

/// <summary>The demo target's WebSockets: broadcast rooms (a greeting on joining, every message pushed to every member of the room only), and the session socket's work shaped by --work-cost.</summary>
public sealed class WebSocketEndpointTests
{
    [Fact]
    public async Task Room_PushesEachMessageToEveryMember_IncludingTheSender_AndNotToOtherRooms()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var ws = new Uri("ws" + host.BaseAddress.ToString()[4..]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var alice = new ClientWebSocket();
        using var bob = new ClientWebSocket();
        using var carol = new ClientWebSocket();
        await alice.ConnectAsync(new Uri(ws, "rooms/lobby/ws"), timeout.Token);
        Assert.Contains("\"members\":1", await ReceiveAsync(alice, timeout.Token), StringComparison.Ordinal);
        await bob.ConnectAsync(new Uri(ws, "rooms/lobby/ws"), timeout.Token);
        Assert.Contains("\"type\":\"joined\",\"room\":\"lobby\",\"members\":2", await ReceiveAsync(bob, timeout.Token), StringComparison.Ordinal);
        await carol.ConnectAsync(new Uri(ws, "rooms/other/ws"), timeout.Token);
        Assert.Contains("\"members\":1", await ReceiveAsync(carol, timeout.Token), StringComparison.Ordinal);

        await alice.SendAsync("""{"id":1,"text":"hi"}"""u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);

        Assert.Equal("""{"id":1,"text":"hi"}""", await ReceiveAsync(alice, timeout.Token));
        Assert.Equal("""{"id":1,"text":"hi"}""", await ReceiveAsync(bob, timeout.Token));
        await carol.SendAsync("""{"id":2}"""u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);
        Assert.Equal("""{"id":2}""", await ReceiveAsync(carol, timeout.Token));
        await bob.SendAsync("""{"id":3}"""u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);

        // Alice's next message is Bob's, not Carol's: rooms do not leak into each other.
        Assert.Equal("""{"id":3}""", await ReceiveAsync(alice, timeout.Token));
        Assert.Equal("""{"id":3}""", await ReceiveAsync(bob, timeout.Token));
        await alice.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    [Fact]
    public async Task Room_WithoutAnUpgrade_Is400()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var response = await client.GetAsync(new Uri("rooms/lobby/ws", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SessionSocket_WorkCostShapesTheReplysWork()
    {
        // The same command over the session's socket, on a target with no work per command and one with the most: the reply's
        // own duration_ms says how long the worker hashed, and the heavy one is far longer.
        var light = await CommandDurationAsync(0);
        var heavy = await CommandDurationAsync(100_000);

        Assert.True(heavy > 10 * Math.Max(light, 0.01), $"work cost 100,000 took {heavy} ms, work cost 0 {light} ms");
    }

    private static async Task<double> CommandDurationAsync(int workCost)
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { WorkCost = workCost });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await (await client.PostAsJsonAsync("auth/login", new { username = "u", password = "p" })).Content.ReadFromJsonAsync<JsonElement>();
        var token = login.GetProperty("token").GetString()!;
        var session = await (await client.PostAsJsonAsync("api/sessions", new { name = "s" })).Content.ReadFromJsonAsync<JsonElement>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(new Uri(new Uri("ws" + host.BaseAddress.ToString()[4..]), $"sessions/{session.GetProperty("id").GetString()}/ws"), timeout.Token);
        await socket.SendAsync("""{"id":1,"command":"ls"}"""u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);
        using var reply = JsonDocument.Parse(await ReceiveAsync(socket, timeout.Token));
        Assert.Equal(1, reply.RootElement.GetProperty("id").GetInt32());
        return reply.RootElement.GetProperty("duration_ms").GetDouble();
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);

        return text.ToString();
    }
}

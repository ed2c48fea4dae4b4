using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pacer.Core.Tests.TestServers;

/// <summary>What a <see cref="TestWebSocketServer"/> does with each socket.</summary>
internal sealed record WebSocketBehaviour
{
    /// <summary>Refuse the upgrade with this HTTP status (0: accept).</summary>
    public int RefuseStatus { get; init; }

    /// <summary>How long to hold each reply (measured from when the message arrived, never less).</summary>
    public TimeSpan ReplyDelay { get; init; }

    /// <summary>Messages sent before each reply that no step waits for: <c>{"id":"noise-N","type":"noise"}</c>.</summary>
    public int NoiseBeforeReply { get; init; }

    /// <summary>Never reply (messages are still counted).</summary>
    public bool Silent { get; init; }

    /// <summary>Close with code 1011 on receiving this many messages (0: never).</summary>
    public int CloseAfter { get; init; }

    /// <summary>A message sent as soon as the socket opens (null: none).</summary>
    public string? Greeting { get; init; }

    /// <summary>Serve wss:// with this certificate (null: ws://).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Tls { get; init; }
}

/// <summary>
/// A WebSocket server on 127.0.0.1 and a free port (Kestrel's WebSockets middleware) that echoes every message back (text
/// as text, binary as binary) after a delay it holds by itself, and counts what it received and sent: its counts are the
/// truth a test compares Pacer's with.
/// </summary>
internal sealed class TestWebSocketServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private long received;
    private long sent;
    private long sockets;

    private TestWebSocketServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>ws://127.0.0.1:port/ (wss:// with a certificate)</summary>
    public Uri Address { get; }

    public long Received => Interlocked.Read(ref received);

    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Sockets accepted.</summary>
    public long Sockets => Interlocked.Read(ref sockets);

    /// <summary>The Authorization header of each upgrade request.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>The subprotocols each upgrade request offered.</summary>
    public ConcurrentQueue<string> Subprotocols { get; } = new();

    /// <summary>Close codes the server received from clients.</summary>
    public ConcurrentQueue<int> CloseCodes { get; } = new();

    public static async Task<TestWebSocketServer> StartAsync(WebSocketBehaviour behaviour)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (behaviour.Tls is { } certificate)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        var app = builder.Build();
        TestWebSocketServer? server = null;
        app.UseWebSockets();
        app.Run(context => server!.HandleAsync(context, behaviour));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestWebSocketServer(app, new Uri("ws" + address[4..] + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, WebSocketBehaviour behaviour)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        Subprotocols.Enqueue(string.Join(",", context.WebSockets.WebSocketRequestedProtocols));
        if (behaviour.RefuseStatus > 0)
        {
            context.Response.StatusCode = behaviour.RefuseStatus;
            return;
        }

        var offered = context.WebSockets.WebSocketRequestedProtocols;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(offered.Count > 0 ? offered[0] : null);
        Interlocked.Increment(ref sockets);
        var stop = context.RequestAborted;
        if (behaviour.Greeting is { } greeting)
        {
            await SendAsync(socket, Encoding.UTF8.GetBytes(greeting), WebSocketMessageType.Text, stop);
        }

        var buffer = new ArrayBufferWriter<byte>();
        var chunk = new byte[4096];
        var noise = 0;
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(chunk.AsMemory(), stop);
                    buffer.Write(chunk.AsSpan(0, result.Count));
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseCodes.Enqueue((int)(socket.CloseStatus ?? 0));
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, stop);
                    return;
                }

                var arrived = Stopwatch.GetTimestamp();
                var count = Interlocked.Increment(ref received);
                if (behaviour.CloseAfter > 0 && count >= behaviour.CloseAfter)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "going away", stop);
                    return;
                }

                if (behaviour.Silent)
                {
                    continue;
                }

                if (behaviour.ReplyDelay > TimeSpan.Zero)
                {
                    await Task.Delay(behaviour.ReplyDelay, stop);

                    // Never early: a timer may fire a little before its time; the test's lower bound is the delay itself.
                    while (Stopwatch.GetElapsedTime(arrived) < behaviour.ReplyDelay)
                    {
                        Thread.SpinWait(100);
                    }
                }

                for (var i = 0; i < behaviour.NoiseBeforeReply; i++)
                {
                    await SendAsync(socket, Encoding.UTF8.GetBytes($$"""{"id":"noise-{{++noise}}","type":"noise"}"""), WebSocketMessageType.Text, stop);
                }

                await SendAsync(socket, buffer.WrittenMemory, result.MessageType, stop);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away (a test's run ended, or it cut the socket): nothing more to count.
        }
    }

    private async Task SendAsync(WebSocket socket, ReadOnlyMemory<byte> payload, WebSocketMessageType type, CancellationToken stop)
    {
        await socket.SendAsync(payload, type, endOfMessage: true, stop);
        Interlocked.Increment(ref sent);
    }
}

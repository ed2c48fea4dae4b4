using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Pacer.DemoTarget;

/// <summary>
/// Broadcast rooms over WebSockets (<c>/rooms/{name}/ws</c>), the server-push side of the seed's service: a member who joins
/// is greeted with <c>{"type":"joined","room":…,"members":N}</c>, and every message a member sends is pushed, unchanged, to
/// every member of the room, the sender included (a chat, a shared terminal's output). Each member has its own outgoing
/// queue and writer, so a slow member falls behind alone and never holds up the others or the sender. The room counts
/// what it received and pushed: the truth a test compares a load tool's counts with.
/// </summary>
internal sealed class BroadcastRooms
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, Channel<(byte[] Payload, WebSocketMessageType Type)>>> rooms = new(StringComparer.Ordinal);
    private long nextMember;
    private long received;
    private long pushed;

    /// <summary>Messages members sent to rooms.</summary>
    public long Received => Interlocked.Read(ref received);

    /// <summary>Messages pushed to members (each member's copy counted once, when written).</summary>
    public long Pushed => Interlocked.Read(ref pushed);

    /// <summary>Serves one member of the room named in the route until either side closes.</summary>
    public async Task JoinAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("this endpoint speaks WebSocket: connect with ws://");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var stop = context.RequestAborted;
        var member = Interlocked.Increment(ref nextMember);
        var outbox = Channel.CreateUnbounded<(byte[] Payload, WebSocketMessageType Type)>(new UnboundedChannelOptions { SingleReader = true });
        var room = rooms.GetOrAdd(name, _ => new ConcurrentDictionary<long, Channel<(byte[] Payload, WebSocketMessageType Type)>>());
        room[member] = outbox;
        outbox.Writer.TryWrite((System.Text.Encoding.UTF8.GetBytes($$"""{"type":"joined","room":{{System.Text.Json.JsonSerializer.Serialize(name, DemoJsonContext.Default.String)}},"members":{{room.Count}}}"""), WebSocketMessageType.Text));
        var writer = WriteAsync(socket, outbox.Reader, stop);
        try
        {
            await ReadAsync(socket, room, stop);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The member went away without a close handshake: it simply leaves the room.
        }
        finally
        {
            room.TryRemove(member, out _);
            outbox.Writer.TryComplete();
            await writer;
        }
    }

    private async Task ReadAsync(WebSocket socket, ConcurrentDictionary<long, Channel<(byte[] Payload, WebSocketMessageType Type)>> room, CancellationToken stop)
    {
        var chunk = new byte[8192];
        var message = new ArrayBufferWriter<byte>();
        while (true)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(chunk.AsMemory(), stop);
                if (message.WrittenCount + result.Count > 1024 * 1024)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "messages are at most 1 MiB", stop);
                    return;
                }

                message.Write(chunk.AsSpan(0, result.Count));
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, stop);
                return;
            }

            Interlocked.Increment(ref received);
            var copy = message.WrittenSpan.ToArray();
            foreach (var other in room.Values)
            {
                other.Writer.TryWrite((copy, result.MessageType));
            }
        }
    }

    private async Task WriteAsync(WebSocket socket, ChannelReader<(byte[] Payload, WebSocketMessageType Type)> outbox, CancellationToken stop)
    {
        try
        {
            await foreach (var (payload, type) in outbox.ReadAllAsync(stop))
            {
                if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
                {
                    return;
                }

                await socket.SendAsync(payload, type, endOfMessage: true, stop);
                Interlocked.Increment(ref pushed);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The member's connection is gone: what was still queued for it is not pushed (and not counted).
        }
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Pacer.Core.Tests.TestServers;

/// <summary>
/// A WebSocket server written on raw sockets for the tests, independent of .NET's WebSocket code that Pacer's client uses: it
/// does the RFC 6455 handshake and framing itself, so a test scripts exactly what goes on the wire (fragments, pings between
/// fragments, frame sizes, close codes, refused upgrades) and counts what it received and sent.
/// </summary>
internal sealed class RawWebSocketServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly Func<RawWebSocketConnection, Task> script;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> connections = [];
    private readonly Task accepting;

    private RawWebSocketServer(Func<RawWebSocketConnection, Task> script, int refuseStatus)
    {
        this.script = script;
        RefuseStatus = refuseStatus;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Address = new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Answer every upgrade with this status instead of 101 (0: accept).</summary>
    public int RefuseStatus { get; }

    /// <summary>Every connection accepted, for counts after the test.</summary>
    public List<RawWebSocketConnection> Accepted { get; } = [];

    public long Received => Sum(c => c.MessagesReceived);

    public long Sent => Sum(c => c.MessagesSent);

    /// <summary>Starts a server that runs <paramref name="script"/> on each upgraded connection (or refuses it).</summary>
    public static RawWebSocketServer Start(Func<RawWebSocketConnection, Task> script, int refuseStatus = 0) => new(script, refuseStatus);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was stopped under the accept: the server is going away.
        }

        Task[] running;
        lock (connections)
        {
            running = [.. connections];
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10));
        stop.Dispose();
    }

    private long Sum(Func<RawWebSocketConnection, long> count)
    {
        lock (Accepted)
        {
            return Accepted.Sum(count);
        }
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            lock (connections)
            {
                connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        try
        {
            var head = await ReadHeadAsync(stream);
            var key = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase)).Select(p => p[1].Trim()).Single();
            if (RefuseStatus > 0)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {RefuseStatus} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), stop.Token);
                return;
            }

            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"), stop.Token);
            var connection = new RawWebSocketConnection(stream, stop.Token);
            lock (Accepted)
            {
                Accepted.Add(connection);
            }

            await script(connection);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException or ObjectDisposedException)
        {
            // The client went away or the test ended: nothing more to serve on this connection.
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^1] != '\n' || head[^2] != '\r' || head[^3] != '\n' || head[^4] != '\r')
        {
            if (await stream.ReadAsync(one, stop.Token) == 0)
            {
                throw new EndOfStreamException();
            }

            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. head]);
    }
}

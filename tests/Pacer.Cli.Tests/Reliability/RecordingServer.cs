using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 port 0 that records every request head it parses (so an injected header or a smuggled
/// second request shows as what the server saw) and answers each with the bytes <c>reply(head)</c> gives, written in one send.
/// </summary>
internal sealed class RecordingServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<string> heads;
    private readonly Func<string, byte[]> reply;
    private readonly ConcurrentBag<Socket> accepted = [];
    private readonly Func<string, byte[]?> unsolicited;
    private readonly byte[]? greeting;

    /// <param name="heads">Every request head parsed, in arrival order.</param>
    /// <param name="reply">The answer to a request head.</param>
    /// <param name="unsolicited">
    /// Bytes sent on the connection some 50 ms after the answer to a head (null: none), as a separate send, so they reach the
    /// client while the connection sits idle and no request is outstanding.
    /// </param>
    /// <param name="greeting">Bytes sent on every connection as soon as it is accepted, before any request is read (null: none).</param>
    public RecordingServer(ConcurrentQueue<string> heads, Func<string, byte[]> reply, Func<string, byte[]?>? unsolicited = null, byte[]? greeting = null)
    {
        this.heads = heads;
        this.reply = reply;
        this.unsolicited = unsolicited ?? (_ => null);
        this.greeting = greeting;
        listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public void Dispose()
    {
        listener.Stop();
        foreach (var socket in accepted)
        {
            socket.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The test is over and the listener was stopped.
                return;
            }

            accepted.Add(socket);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[256 * 1024];
        var filled = 0;
        try
        {
            if (greeting is not null)
            {
                await socket.SendAsync(greeting);
            }

            while (true)
            {
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(filled));
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                }

                var head = Encoding.Latin1.GetString(buffer, 0, end + 4);
                var length = ContentLength(head);
                while (filled < end + 4 + length)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(filled));
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                }

                var used = end + 4 + length;
                buffer.AsSpan(used, filled - used).CopyTo(buffer);
                filled -= used;
                heads.Enqueue(head);
                await socket.SendAsync(reply(head));
                if (unsolicited(head) is { } extra)
                {
                    // The behaviour under test is a server speaking late, between requests: the delay is that behaviour,
                    // not a wait for the client (the plan's think time, ten times longer, keeps the connection idle meanwhile).
                    await Task.Delay(50);
                    await socket.SendAsync(extra);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client went away or the test ended: this connection is over.
        }
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line.AsSpan(15).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}

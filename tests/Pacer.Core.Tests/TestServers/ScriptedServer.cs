using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pacer.Core.Tests.TestServers;

/// <summary>What a <see cref="ScriptedServer"/> does with one request.</summary>
/// <param name="Response">Bytes to write back (null: write nothing).</param>
/// <param name="CloseAfter">Close the connection once the bytes are written.</param>
/// <param name="ByteByByte">Write the response one byte per send, to split it across reads.</param>
/// <param name="FinWithResponse">
/// Send the response and the server's FIN in one segment (corked, then shut down for sending) and go on reading: any request
/// that still arrives is counted in <see cref="ScriptedServer.RequestsAfterClose"/>, and then the connection is closed.
/// </param>
/// <param name="UnaskedAfter">Bytes sent 20 ms after the response, while no request is outstanding (then <see cref="ScriptedServer.UnaskedSent"/> is released).</param>
internal sealed record ScriptedReply(byte[]? Response, bool CloseAfter = false, bool ByteByByte = false, bool FinWithResponse = false, byte[]? UnaskedAfter = null);

/// <summary>
/// A raw TCP server on 127.0.0.1 whose every answer is scripted per connection and request, for transport edge cases that a
/// real server will not produce on demand. Blocking sockets, one thread per connection: nothing is allocated per request
/// when the script returns cached replies, so the engine's allocation can be measured in the same process.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private const int TcpLevel = 6;
    private const int TcpCork = 3;

    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Func<int, int, ScriptedReply> script;
    private readonly List<Socket> accepted = [];
    private int connections;
    private int requestsAfterClose;

    /// <param name="script">(connection number, request number on that connection) → reply.</param>
    public ScriptedServer(Func<int, int, ScriptedReply> script)
    {
        this.script = script;
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1024);
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/");
        new Thread(Accept) { IsBackground = true, Name = "scripted-accept" }.Start();
    }

    public Uri BaseAddress { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Requests that arrived on a connection after the server had sent its FIN (see <see cref="ScriptedReply.FinWithResponse"/>).</summary>
    public int RequestsAfterClose => Volatile.Read(ref requestsAfterClose);

    /// <summary>Released each time the server has sent a reply's <see cref="ScriptedReply.UnaskedAfter"/> bytes.</summary>
    public SemaphoreSlim UnaskedSent { get; } = new(0);

    /// <summary>Set each time the server closes a connection after a reply, so a test can wait for it.</summary>
    public SemaphoreSlim Closed { get; } = new(0);

    /// <summary>A server that answers every request with the same bytes.</summary>
    public static ScriptedServer Always(string response) => Always(Encoding.ASCII.GetBytes(response));

    public static ScriptedServer Always(byte[] response)
    {
        var reply = new ScriptedReply(response);
        return new ScriptedServer((_, _) => reply);
    }

    public void Dispose()
    {
        listener.Dispose();
        lock (accepted)
        {
            foreach (var socket in accepted)
            {
                socket.Dispose();
            }
        }
    }

    private void Accept()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The test is over and the listener was closed.
                return;
            }

            lock (accepted)
            {
                accepted.Add(socket);
            }

            var number = Interlocked.Increment(ref connections) - 1;
            new Thread(() => Serve(socket, number)) { IsBackground = true, Name = "scripted-connection" }.Start();
        }
    }

    private void Serve(Socket socket, int connection)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var finSent = false;
        try
        {
            for (var request = 0; ; request++)
            {
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    var n = socket.Receive(buffer.AsSpan(filled));
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                }

                var headLength = end + 4;
                var bodyLength = ContentLength(buffer.AsSpan(0, headLength));
                while (filled < headLength + bodyLength)
                {
                    var n = socket.Receive(buffer.AsSpan(filled));
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                }

                var used = headLength + bodyLength;
                buffer.AsSpan(used, filled - used).CopyTo(buffer);
                filled -= used;

                if (finSent)
                {
                    Interlocked.Increment(ref requestsAfterClose);
                    socket.Close();
                    return;
                }

                var reply = script(connection, request);
                if (reply.FinWithResponse)
                {
                    // Corked, the response waits in the socket; the shutdown puts the FIN on its last segment and sends it.
                    socket.SetRawSocketOption(TcpLevel, TcpCork, BitConverter.GetBytes(1));
                    socket.Send(reply.Response ?? []);
                    socket.Shutdown(SocketShutdown.Send);
                    finSent = true;
                    continue;
                }

                if (reply.Response is { } response)
                {
                    if (reply.ByteByByte)
                    {
                        for (var i = 0; i < response.Length; i++)
                        {
                            socket.Send(response.AsSpan(i, 1));
                        }
                    }
                    else
                    {
                        socket.Send(response);
                    }
                }

                if (reply.UnaskedAfter is { } unasked)
                {
                    Thread.Sleep(20);
                    socket.Send(unasked);
                    UnaskedSent.Release();
                }

                if (reply.CloseAfter)
                {
                    socket.Shutdown(SocketShutdown.Both);
                    socket.Close();
                    Closed.Release();
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client went away or the test ended: this connection's script is over.
        }
    }

    /// <summary>The request's Content-Length, read from the raw head without allocating (the engine's allocation test shares this process).</summary>
    private static int ContentLength(ReadOnlySpan<byte> head)
    {
        var name = "\r\ncontent-length:"u8;
        for (var i = 0; i + name.Length <= head.Length; i++)
        {
            if (!System.Text.Ascii.EqualsIgnoreCase(head.Slice(i, name.Length), name))
            {
                continue;
            }

            var value = head[(i + name.Length)..];
            value = value[..value.IndexOf("\r\n"u8)].Trim((byte)' ');
            return System.Buffers.Text.Utf8Parser.TryParse(value, out int length, out _) ? length : 0;
        }

        return 0;
    }
}

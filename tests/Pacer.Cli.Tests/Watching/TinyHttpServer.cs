using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pacer.Cli.Tests.Watching;

/// <summary>
/// The smallest HTTP/1.1 server a watcher test needs, on 127.0.0.1 port 0: it reads one request per connection and answers
/// with what <c>answer</c> gives for its path and query (a POST's form body taken as the query), then closes. Stands in for a service's /metrics endpoint or a
/// Prometheus server's API.
/// </summary>
internal sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, string> answer;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private int requests;

    public TinyHttpServer(Func<string, string> answer)
    {
        this.answer = answer;
        listener.Start();
        serving = ServeAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref requests);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // The accept loop ends by cancellation; that is how it stops.
        }

        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The listener was stopped.
                return;
            }

            _ = Task.Run(() => AnswerAsync(socket));
        }
    }

    private async Task AnswerAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[8192];
            var read = 0;
            string head;
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
                if (n == 0)
                {
                    return;
                }

                read += n;
                head = Encoding.ASCII.GetString(buffer, 0, read);
                if (head.Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    break;
                }
            }

            var target = head.Split(' ')[1];
            var headEnd = head.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
            var length = head[..headEnd].Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            while (read - headEnd < length)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
                if (n == 0)
                {
                    return;
                }

                read += n;
            }

            if (length > 0)
            {
                target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Encoding.ASCII.GetString(buffer, headEnd, length);
            }

            var body = Encoding.UTF8.GetBytes(answer(target));
            Interlocked.Increment(ref requests);
            var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await socket.SendAsync(response.Concat(body).ToArray(), SocketFlags.None);
            socket.Shutdown(SocketShutdown.Both);
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Pacer.Core.Tests.TestServers;

/// <summary>Accepts a connection, reads the request, and resets the connection (RST) instead of answering; or answers garbage.</summary>
internal sealed class ResettingServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly byte[]? reply;

    private ResettingServer(byte[]? reply)
    {
        this.reply = reply;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        loop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>Resets every connection after reading the request.</summary>
    public static ResettingServer Resetting() => new(null);

    /// <summary>Answers every request with bytes that are not HTTP, then closes.</summary>
    public static ResettingServer Garbage() => new("SSH-2.0-OpenSSH_9.2\r\n\r\n"u8.ToArray());

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping the accept loop is how this server ends.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
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
                return;
            }

            _ = HandleAsync(socket);
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[4096];
            try
            {
                await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                if (reply is not null)
                {
                    await socket.SendAsync(reply, SocketFlags.None, stop.Token);
                    socket.Shutdown(SocketShutdown.Both);
                }
                else
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // The client went away first; nothing to do for a test server.
            }
        }
    }
}

using System.Net.Sockets;

namespace Pacer.Core.Transport;

/// <summary>
/// HttpClient's connection stream, refusing to write the first request when the server has already sent something: bytes
/// that arrive before a request answer nothing, yet SocketsHttpHandler would read them as that request's response (it only
/// checks idle connections it reuses). Later writes are not checked: the handler itself discards a kept-alive connection
/// whose read-ahead found data.
/// </summary>
internal sealed class FirstWriteGuardStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
{
    private bool written;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Guard();
        base.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Guard();
        base.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Guard();
        return base.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Guard();
        return base.WriteAsync(buffer, offset, count, cancellationToken);
    }

    private void Guard()
    {
        if (written)
        {
            return;
        }

        written = true;
        if (Socket.Available > 0)
        {
            throw new UnsolicitedBytesException();
        }
    }
}

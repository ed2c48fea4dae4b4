using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pacer.Core.Platform;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The one place an event loop's exchanges end: a complete response, a failed connection (with the one retry a stale
/// keep-alive connection earns), a timeout, a cancelled run, a socket that could not be opened. It keeps the loop's count of
/// exchanges in flight, so every way out takes one off exactly once; and it keeps the first message of each kind of failure.
/// Touched only by the loop's thread.
/// </summary>
/// <param name="examples">The transport's first-seen failure messages.</param>
/// <param name="connections">The loop's connections (a settled exchange's connection is parked idle or closed).</param>
/// <param name="retry">Begins an exchange again on a fresh connection (the loop's own start).</param>
internal sealed class Http1Settlement(FirstErrorExamples examples, Http1ConnectionTable connections, Action<Http1Exchange> retry)
{
    /// <summary>Exchanges begun on a connection (or opening one) and not settled yet; the loop sleeps shorter while any are.</summary>
    public int InFlight { get; private set; }

    /// <summary>An exchange was given a connection, or is opening one: it is in flight until settled here.</summary>
    public void Began() => InFlight++;

    /// <summary>The response on <paramref name="connection"/> is complete: keep the connection for the next request, or close it.</summary>
    [MethodImpl(HotPath.Shared)]
    public void Succeed(Http1Connection connection, bool keepAlive)
    {
        var exchange = connection.Exchange!;
        var status = connection.Parser.Status;
        connection.Exchange = null;
        connection.Reused = true;
        connection.ReturnCarry();
        if (keepAlive)
        {
            connections.ParkIdle(connection);
        }
        else
        {
            connections.Close(connection);
        }

        var error = ErrorKindNames.FromStatus(status);
        if (error != ErrorKind.None && examples.Wants(error))
        {
            examples.Offer(error, $"HTTP {status} from {exchange.Describe()}");
        }

        Settled();
        exchange.Complete(new TransportResult(status, error, exchange.SendTicks, Stopwatch.GetTimestamp(), exchange.Length, exchange.BytesReceived));
    }

    /// <summary>
    /// The connection failed: it is closed, and its exchange (if any) fails as <paramref name="kind"/> — unless the connection
    /// was a kept-alive one the server had closed while it sat idle (a reset before any byte of the response), which is not
    /// the request's failure: that exchange is begun once more on a fresh connection, as browsers do.
    /// </summary>
    public void Fail(Http1Connection connection, ErrorKind kind, string message)
    {
        var exchange = connection.Exchange;
        var stale = IsStaleKeepAlive(connection, kind);
        connections.Close(connection);
        if (exchange is null)
        {
            return;
        }

        Settled();
        if (stale)
        {
            RetryOnce(exchange);
            return;
        }

        Finish(exchange, kind, $"{message} ({exchange.Describe()})");
    }

    /// <summary>The exchange on <paramref name="connection"/> passed its deadline: the connection is closed (it is out of step) and the exchange times out.</summary>
    public void TimeOut(Http1Connection connection)
    {
        var exchange = connection.Exchange!;
        connection.Exchange = null;
        connections.Close(connection);
        Settled();
        Finish(exchange, ErrorKind.Timeout, Http1FailureMessages.Timeout(exchange.Timeout, exchange.Describe()));
    }

    /// <summary>The run was cancelled under the exchange on <paramref name="connection"/>: the connection is closed, the exchange cancelled.</summary>
    public void Cancel(Http1Connection connection)
    {
        var exchange = connection.Exchange!;
        connection.Exchange = null;
        connections.Close(connection);
        Settled();
        exchange.Cancel();
    }

    /// <summary>The exchange never got a connection (no socket, or the connect failed at once): it fails as <paramref name="kind"/>.</summary>
    public void FailUnconnected(Http1Exchange exchange, ErrorKind kind, string message)
    {
        Settled();
        Finish(exchange, kind, message);
    }

    /// <summary>
    /// A reset on a connection that had served a response before, with nothing of this response read yet and no retry spent:
    /// the server closed the kept-alive connection while it sat idle, before this request reached it.
    /// </summary>
    private static bool IsStaleKeepAlive(Http1Connection connection, ErrorKind kind) =>
        connection.Reused && kind == ErrorKind.Reset && connection.Exchange is { BytesReceived: 0, Retried: false };

    /// <summary>Begins the exchange again (its one retry): it is in flight anew from there, counted by the start.</summary>
    private void RetryOnce(Http1Exchange exchange)
    {
        exchange.Retried = true;
        retry(exchange);
    }

    private void Settled() => InFlight--;

    private void Finish(Http1Exchange exchange, ErrorKind kind, string message)
    {
        if (examples.Wants(kind))
        {
            examples.Offer(kind, message);
        }

        var now = Stopwatch.GetTimestamp();
        exchange.Complete(new TransportResult(0, kind, exchange.SendTicks == 0 ? now : exchange.SendTicks, now, exchange.SendTicks == 0 ? 0 : exchange.Length, exchange.BytesReceived));
    }
}

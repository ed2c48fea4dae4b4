namespace Pacer.Core.Transport;

/// <summary>
/// How a transport counts the connections it opened (declared as <see cref="TransportCapabilities.Connections"/>). How many connections a run opened is part of the load the service saw:
/// a pool opened up front, or one connection per request of a burst, is load the plan never asked for. A transport that cannot
/// count them honestly declares none, and the result says the number is unknown rather than 0.
/// </summary>
internal interface IConnectionCount
{
    /// <summary>Connections established so far (successful connects, including replacements of closed ones). Any thread.</summary>
    long ConnectionsOpened { get; }

    /// <summary>
    /// Connections closed because the server sent bytes no request asked for — on an idle keep-alive connection, or after a
    /// complete response — so far; null when the transport cannot see them (HttpClient's pool drops such a connection
    /// itself). Such bytes answer no request (a 408 before an idle connection is closed, a second answer, a greeting), and
    /// when they arrive just after a request is written nothing tells them from its answer (docs/limits.md): the run's
    /// warnings say so. Any thread.
    /// </summary>
    long? ConnectionsWithStrayBytes { get; }
}

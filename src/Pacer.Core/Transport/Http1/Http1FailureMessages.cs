namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The words both lean transports (epoll loops and Socket path) use for the same failure, so a run's first-error examples
/// read alike whichever one carried it.
/// </summary>
internal static class Http1FailureMessages
{
    public const string NotHttp = "the response is not valid HTTP/1.1";

    /// <summary>A fresh connection on which the server spoke before the request was written: its bytes answer nothing.</summary>
    public const string Unsolicited = "the server sent bytes before the request was written (an unsolicited response); the connection was closed";

    public const string ClosedEarly = "the server closed the connection before a complete response";

    public static readonly string BodyTooLarge =
        $"the response body is larger than {ExchangeResponse.MaxBodyBytes / (1024 * 1024)} MB, the most a flow step keeps";

    /// <summary>A request (described as "METHOD url", or "step: METHOD url") that got no complete response in time.</summary>
    public static string Timeout(TimeSpan timeout, string request) =>
        $"no complete response within {timeout.TotalMilliseconds:0} ms from {request}";
}

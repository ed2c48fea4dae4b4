using Pacer.Core.Plans;

namespace Pacer.Core.Transport;

/// <summary>Sends one request and reports what happened. Implementations never throw for network or protocol failures: they return them classified.</summary>
public interface ITransport : IAsyncDisposable
{
    /// <summary>A short name shown in the summary, e.g. <c>httpclient/1.1</c>.</summary>
    string Name { get; }

    /// <summary>The first message seen for each kind of failure, for the summary's examples.</summary>
    IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; }

    /// <summary>Sends <paramref name="request"/> and waits for the whole response (body counted, then discarded).</summary>
    /// <param name="request">The request to send.</param>
    /// <param name="cancellationToken">Cancels the run. A cancelled send throws <see cref="OperationCanceledException"/>: the run is over and
    /// the request is neither a success nor an error. The per-request timeout is <see cref="RequestSpec.Timeout"/>, reported as <see cref="ErrorKind.Timeout"/>.</param>
    ValueTask<TransportResult> SendAsync(RequestSpec request, CancellationToken cancellationToken);
}

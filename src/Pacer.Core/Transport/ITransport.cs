namespace Pacer.Core.Transport;

/// <summary>
/// The one contract between the runtime and a transport: send an exchange and report what happened. A request mix and a
/// scenario both use it (a mix's requests are <see cref="ExchangeRequest"/>s framed once, a step's are framed per send); what a
/// transport can do beyond that is declared in <see cref="Capabilities"/>. Implementations never throw for network or protocol
/// failures: they return them classified.
/// </summary>
internal interface ITransport : IAsyncDisposable
{
    /// <summary>A short name shown in the summary, e.g. <c>httpclient/1.1</c>.</summary>
    string Name { get; }

    /// <summary>What this transport declares it can do (schemes, held exchanges, connection count, event-loop load).</summary>
    TransportCapabilities Capabilities { get; }

    /// <summary>The first message seen for each kind of failure, for the summary's examples.</summary>
    IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; }

    /// <summary>
    /// Sends <paramref name="request"/> and waits for the whole response. With <paramref name="response"/> its headers and body
    /// are kept there (a scenario step's checks and extractions read them); without, the body is counted and discarded.
    /// </summary>
    /// <param name="request">The request; a frozen one may be sent by many callers at once.</param>
    /// <param name="response">Where the response goes, or null to discard it.</param>
    /// <param name="notBeforeTicks">
    /// Stopwatch tick before which the request must not be written (0: at once). Only a transport that
    /// <see cref="TransportCapabilities.HoldsScheduledExchanges">holds scheduled exchanges</see> takes a time in the future; its
    /// result's <see cref="TransportResult.SendTicks"/> is when the bytes were written, and the timeout runs from then.
    /// </param>
    /// <param name="cancellationToken">Cancels the run. A cancelled exchange throws <see cref="OperationCanceledException"/>: the
    /// run is over and it is neither a success nor an error; one still held is never written. The per-request timeout is
    /// <see cref="ExchangeRequest.Timeout"/>, reported as <see cref="ErrorKind.Timeout"/>.</param>
    ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken);
}

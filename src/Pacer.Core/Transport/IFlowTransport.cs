using Pacer.Core.Transport;

namespace Pacer.Core.Transport;

/// <summary>Sends requests whose content is only known at run time and keeps the response for checks and extractions.</summary>
internal interface IFlowTransport
{
    /// <summary>
    /// Sends <paramref name="request"/> (its URL already parsed) and fills <paramref name="response"/>'s headers and body;
    /// failures come back classified in the result, never thrown. A cancelled run throws <see cref="OperationCanceledException"/>.
    /// </summary>
    ValueTask<TransportResult> ExchangeAsync(FlowRequest request, FlowResponse response, CancellationToken cancellationToken);
}

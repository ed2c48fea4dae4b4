namespace Pacer.Core.Flows;

/// <summary>Sends requests whose content is only known at run time and returns the response for checks and extractions.</summary>
internal interface IFlowTransport
{
    /// <summary>Sends <paramref name="request"/>; failures come back classified in <see cref="FlowResponse.Result"/>, never thrown.
    /// A cancelled run throws <see cref="OperationCanceledException"/>.</summary>
    ValueTask<FlowResponse> ExchangeAsync(FlowRequest request, CancellationToken cancellationToken);
}

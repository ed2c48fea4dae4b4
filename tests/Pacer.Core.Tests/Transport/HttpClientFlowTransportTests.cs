using Pacer.Core.Running;
using Pacer.Core.Plans;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Transport;

public sealed class HttpClientFlowTransportTests : FlowTransportContractTests
{
    private protected override ITransport Create(LoadPlan plan) => PlanTransport.Create(plan, TransportChoice.HttpClient);
}

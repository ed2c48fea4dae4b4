using Pacer.Core.Running;
using Pacer.Core.Plans;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>Scenarios on the portable Socket path (what macOS and Windows get), chosen by name so it runs on Linux too.</summary>
public sealed class SocketHttp1FlowTransportTests : LeanFlowTransportContractTests
{
    private protected override ITransport Create(LoadPlan plan) => Assert.IsType<SocketHttp1Transport>(PlanTransport.Create(plan, TransportChoice.Socket));
}

using Pacer.Core.Running;
using Pacer.Core.Plans;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>Scenarios on the epoll event loops (Linux).</summary>
public sealed class Http1FlowTransportTests : LeanFlowTransportContractTests
{
    private protected override ITransport Create(LoadPlan plan) => Assert.IsType<Http1Transport>(PlanTransport.Create(plan, TransportChoice.Lean, eventLoops: 1));
}

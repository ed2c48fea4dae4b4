using System.Diagnostics;
using System.Text;
using Pacer.Core.Flows;
using Pacer.Core.Plans;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

public sealed class Http1FlowTransportTests : FlowTransportContractTests
{
    [Fact]
    public async Task Iteration_BodyOverTheCap_IsAProtocolError()
    {
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {FlowResponse.MaxBodyBytes + 1}\r\n\r\n");
        using var server = ScriptedServer.Always([.. head, .. new byte[FlowResponse.MaxBodyBytes + 1]]);
        var plan = Plan(server.BaseAddress, "scenarios:\n  - steps: [{ name: big, path: /big }]\n");
        await using var transport = Create(plan);
        var (runner, recorder) = Runner(plan, transport);

        await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None);

        recorder.Tick(1);
        Assert.Equal(1, recorder.Totals.Failures);
        Assert.Contains("larger than 16 MB", transport.FirstErrorExamples[ErrorKind.Protocol], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ScenarioPlanOverHttp_IsTheLeanTransportAndHttpsIsHttpClient()
    {
        var http = Plan(new Uri("http://127.0.0.1:9/"), "scenarios:\n  - steps: [{ path: /a }]\n");
        var https = Plan(new Uri("https://127.0.0.1:9/"), "scenarios:\n  - steps: [{ path: /a }]\n");

        await using var lean = TransportFactory.Create(http);
        await using var client = TransportFactory.Create(https);

        Assert.IsType<Http1Transport>(lean);
        Assert.IsType<HttpClientTransport>(client);
        Assert.Throws<NotSupportedException>(() => TransportFactory.Create(https, TransportChoice.Lean));
    }

    private protected override ITransport Create(LoadPlan plan) => TransportFactory.Create(plan, TransportChoice.Lean, eventLoops: 1);
}

using Pacer.Core.Running;
using Pacer.Core.Plans;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport;

public sealed class TransportFactoryTests
{
    private const string Mix = "requests: [{ path: /a }]\n";
    private const string Scenario = "scenarios:\n  - steps: [{ path: /a }]\n";

    [Theory]
    [InlineData(TransportChoice.Auto, "http://127.0.0.1:9/", Mix, "lean")]
    [InlineData(TransportChoice.Auto, "http://127.0.0.1:9/", Scenario, "lean")]
    [InlineData(TransportChoice.Lean, "http://127.0.0.1:9/", Scenario, "lean")]
    [InlineData(TransportChoice.Socket, "http://127.0.0.1:9/", Mix, "socket")]
    [InlineData(TransportChoice.Socket, "http://127.0.0.1:9/", Scenario, "socket")]
    [InlineData(TransportChoice.HttpClient, "http://127.0.0.1:9/", Scenario, "httpclient")]
    [InlineData(TransportChoice.Auto, "https://127.0.0.1:9/", Mix, "httpclient")]
    [InlineData(TransportChoice.Auto, "https://127.0.0.1:9/", Scenario, "httpclient")]
    public async Task Create_ChoiceAndPlan_PicksTheTransport(TransportChoice choice, string target, string body, string expected)
    {
        await using var transport = PlanTransport.Create(Plan(target, body), choice, eventLoops: 1);

        // "lean" is the event loops where epoll exists and the Socket path elsewhere.
        var expectedType = expected switch
        {
            "lean" when Http1Transport.IsSupported => typeof(Http1Transport),
            "lean" or "socket" => typeof(SocketHttp1Transport),
            _ => typeof(HttpClientTransport),
        };
        Assert.IsType(expectedType, transport);
    }

    [Theory]
    [InlineData(TransportChoice.Lean, "https://127.0.0.1:9/", Mix, "the lean transport speaks plain HTTP/1.1")]
    [InlineData(TransportChoice.Lean, "http://127.0.0.1:9/", "http2: true\n" + Scenario, "the lean transport speaks plain HTTP/1.1")]
    [InlineData(TransportChoice.Socket, "https://127.0.0.1:9/", Mix, "the socket transport speaks plain HTTP/1.1")]
    [InlineData(TransportChoice.Socket, "https://127.0.0.1:9/", Scenario, "the socket transport speaks plain HTTP/1.1")]
    [InlineData(TransportChoice.Socket, "http://127.0.0.1:9/", "http2: true\n" + Mix, "the socket transport speaks plain HTTP/1.1")]
    public void Create_LeanChoiceThatDoesNotApply_IsRefusedWithAClearMessage(TransportChoice choice, string target, string body, string expected)
    {
        var plan = Plan(target, body);

        var error = Assert.Throws<NotSupportedException>(() => PlanTransport.Create(plan, choice));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PlanWithEventLoops_StartsThatManyLoops()
    {
        // On Linux, like the default choice's test above (elsewhere the lean transport has no event loops).
        await using var transport = PlanTransport.Create(Plan("http://127.0.0.1:9/", "event_loops: 3\n" + Mix));

        Assert.Equal(3, Assert.IsType<Http1Transport>(transport).EventLoopCount);
        Assert.Equal("pacer-http1/epoll×3", transport.Name);
    }

    private static LoadPlan Plan(string target, string body) =>
        PlanParser.Parse($"target: {target}\nload: {{model: closed, vus: 1, duration: 1s}}\n{body}", "factory.yaml");
}

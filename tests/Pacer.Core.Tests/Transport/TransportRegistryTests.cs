using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Tests.Flows;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Transport;

/// <summary>The factory is keyed by scheme: a new protocol is a registration, and an unknown scheme is a clear error.</summary>
public sealed class TransportRegistryTests
{
    private static readonly TransportOptions Auto = new();

    [Fact]
    public void Create_UnknownScheme_NamesItAndTheKnownOnes()
    {
        var error = Assert.Throws<NotSupportedException>(() => TransportFactory.Default.Create(Set("http", "ws"), Auto, []));

        Assert.Equal("no transport speaks ws:// (known schemes: http, https)", error.Message);
    }

    [Fact]
    public async Task Create_RegistrationForANewScheme_PlugsInWithoutChangingTheFactory()
    {
        var websocket = FakeFlowTransport.Always(101, "");
        var factory = new TransportFactory([new TransportRegistration("ws", Set("ws", "wss"), _ => true, (_, _) => websocket)]);

        await using var transport = factory.Create(Set("wss"), Auto, []);

        Assert.Same(websocket, transport);
        Assert.Equal(["ws", "wss"], factory.KnownSchemes);
    }

    [Fact]
    public async Task Create_FirstRegistrationServingEveryScheme_Wins()
    {
        var plain = FakeFlowTransport.Always(200, "");
        var both = FakeFlowTransport.Always(200, "");
        var factory = new TransportFactory(
        [
            new TransportRegistration("plain", Set("http"), _ => true, (_, _) => plain),
            new TransportRegistration("both", Set("http", "https"), _ => true, (_, _) => both),
        ]);

        await using var forHttp = factory.Create(Set("http"), Auto, []);
        await using var forBoth = factory.Create(Set("http", "https"), Auto, []);

        Assert.Same(plain, forHttp);
        Assert.Same(both, forBoth);
    }

    [Fact]
    public void Create_NoRegistrationAppliesToTheOptions_SaysWhichSchemesAndChoice()
    {
        var factory = new TransportFactory([new TransportRegistration("never", Set("http"), _ => false, (_, _) => FakeFlowTransport.Always(200, ""))]);

        var error = Assert.Throws<NotSupportedException>(() => factory.Create(Set("http"), new TransportOptions(TransportChoice.HttpClient, Http2: true), []));

        Assert.Equal("no transport serves http:// with --transport httpclient and HTTP/2", error.Message);
    }

    [Theory]
    [InlineData("requests: [{ path: /a }]\n", "http://127.0.0.1:9/", "http")]
    [InlineData("requests: [{ path: /a }]\n", "https://127.0.0.1:9/", "https")]
    [InlineData("scenarios:\n  - steps: [{ path: /a }]\n", "http://127.0.0.1:9/", "http")]
    [InlineData("scenarios:\n  - steps: [{ path: /a }, { path: \"https://other/${p}\" }]\n    vars: { p: x }\n", "http://127.0.0.1:9/", "http https")]
    [InlineData("scenarios:\n  - steps: [{ path: \"https://other/a\" }]\n", "http://127.0.0.1:9/", "https")]
    public void Schemes_OfAPlan_AreItsMixsAndItsSteps(string body, string target, string expected)
    {
        var plan = PlanParser.Parse($"target: {target}\nload: {{model: closed, vus: 1, duration: 1s}}\n{body}", "schemes.yaml");

        Assert.Equal(expected.Split(' '), PlanTransport.Schemes(plan));
    }

    private static HashSet<string> Set(params string[] schemes) => new(schemes, StringComparer.Ordinal);
}

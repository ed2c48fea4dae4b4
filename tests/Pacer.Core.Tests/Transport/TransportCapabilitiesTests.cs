using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport;

/// <summary>Each transport declares what it can do; the runtime reads the declaration, never the interfaces behind it.</summary>
public sealed class TransportCapabilitiesTests
{
    private static readonly RequestSpec Spec = new("r", "GET", new Uri("http://127.0.0.1:9/"), [], null, 1, TimeSpan.FromSeconds(1));

    [Fact]
    public async Task EventLoops_HoldScheduledExchanges_AndReportTheirLoadAndConnections()
    {
        await using var transport = new Http1Transport([MixRequest.Encode(Spec)], loopCount: 2);

        var capabilities = transport.Capabilities;

        Assert.Equal(["http"], capabilities.Schemes);
        Assert.True(capabilities.HoldsScheduledExchanges);
        Assert.Equal(2, capabilities.EventLoops!.EventLoopCount);
        Assert.Equal(0, capabilities.Connections!.ConnectionsOpened);
    }

    [Fact]
    public async Task SocketPath_CountsConnections_ButHoldsNothingAndHasNoLoops()
    {
        await using var transport = new SocketHttp1Transport([MixRequest.Encode(Spec)]);

        var capabilities = transport.Capabilities;

        Assert.Equal(["http"], capabilities.Schemes);
        Assert.False(capabilities.HoldsScheduledExchanges);
        Assert.Null(capabilities.EventLoops);
        Assert.NotNull(capabilities.Connections);
    }

    [Fact]
    public async Task HttpClient_SpeaksHttpAndHttps_ButHoldsNothingAndHasNoLoops()
    {
        await using var transport = new HttpClientTransport([MixRequest.Encode(Spec)], new HttpClientTransportOptions());

        var capabilities = transport.Capabilities;

        Assert.Equal(["http", "https"], capabilities.Schemes.Order());
        Assert.False(capabilities.HoldsScheduledExchanges);
        Assert.Null(capabilities.EventLoops);
        Assert.NotNull(capabilities.Connections);
    }

    [Fact]
    public async Task ExchangeAsync_ATimeToHoldOnATransportThatDoesNotHold_IsRefusedRatherThanSentEarly()
    {
        await using var socket = new SocketHttp1Transport([]);
        await using var httpClient = new HttpClientTransport([], new HttpClientTransportOptions());
        var request = MixRequest.Encode(Spec);

        foreach (var transport in new ITransport[] { socket, httpClient })
        {
            var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
                await transport.ExchangeAsync(request, null, System.Diagnostics.Stopwatch.GetTimestamp() + 1_000_000, CancellationToken.None));
            Assert.Contains("does not hold scheduled exchanges", error.Message, StringComparison.Ordinal);
        }
    }
}

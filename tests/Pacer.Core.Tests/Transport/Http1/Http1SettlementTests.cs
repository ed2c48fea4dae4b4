using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>
/// The one place an event loop's exchanges end: every way out takes the exchange off the in-flight count exactly once, and
/// only a stale kept-alive connection earns a retry. The connections here have no socket (fd -1), so nothing is sent.
/// </summary>
public sealed class Http1SettlementTests
{
    [Fact]
    public void Fail_ResetOnAReusedConnectionBeforeAnyByte_RetriesOnceWithoutSettling()
    {
        var retried = new List<Http1Exchange>();
        var (settlement, connection, exchange, pending) = InFlight(retried.Add, reused: true);

        settlement.Fail(connection, ErrorKind.Reset, "connection reset");

        Assert.Equal([exchange], retried);
        Assert.True(exchange.Retried);
        Assert.False(pending.IsCompleted);
        Assert.Equal(0, settlement.InFlight);
        Assert.Equal(Http1ConnectionState.Closed, connection.State);
    }

    [Theory]
    [InlineData(false, ErrorKind.Reset)]
    [InlineData(true, ErrorKind.Protocol)]
    public async Task Fail_AnythingElse_SettlesAsTheFailure(bool reused, ErrorKind kind)
    {
        var retried = new List<Http1Exchange>();
        var (settlement, connection, _, pending) = InFlight(retried.Add, reused);

        settlement.Fail(connection, kind, "broken");

        Assert.Empty(retried);
        Assert.True(pending.IsCompleted);
        Assert.Equal(kind, (await pending).Error);
        Assert.Equal(0, settlement.InFlight);
    }

    [Fact]
    public async Task Fail_ASecondStaleReset_IsNotRetriedAgain()
    {
        var retried = new List<Http1Exchange>();
        var (settlement, connection, exchange, pending) = InFlight(retried.Add, reused: true);
        exchange.Retried = true;

        settlement.Fail(connection, ErrorKind.Reset, "connection reset");

        Assert.Empty(retried);
        Assert.Equal(ErrorKind.Reset, (await pending).Error);
        Assert.Equal(0, settlement.InFlight);
    }

    [Fact]
    public async Task TimeOut_SettlesAsATimeoutAndClosesTheConnection()
    {
        var (settlement, connection, _, pending) = InFlight(_ => { }, reused: false);

        settlement.TimeOut(connection);

        Assert.Equal(ErrorKind.Timeout, (await pending).Error);
        Assert.Equal(Http1ConnectionState.Closed, connection.State);
        Assert.Equal(0, settlement.InFlight);
    }

    [Fact]
    public async Task FailUnconnected_SettlesWithNothingSent()
    {
        var settlement = new Http1Settlement(new FirstErrorExamples(), new Http1ConnectionTable(-1, 1), _ => { });
        var (exchange, pending) = LoopExchanges.StartAwaited();
        settlement.Began();

        settlement.FailUnconnected(exchange, ErrorKind.Refused, "refused");

        var result = await pending;
        Assert.Equal(ErrorKind.Refused, result.Error);
        Assert.Equal(0, result.BytesSent);
        Assert.Equal(0, settlement.InFlight);
    }

    private static (Http1Settlement Settlement, Http1Connection Connection, Http1Exchange Exchange, ValueTask<TransportResult> Pending) InFlight(Action<Http1Exchange> retry, bool reused)
    {
        var connections = new Http1ConnectionTable(-1, 1);
        var settlement = new Http1Settlement(new FirstErrorExamples(), connections, retry);
        var connection = connections.Register(-1, LoopExchanges.Endpoint, Http1SocketIo.ReadInterest);
        connection.Reused = reused;
        var (exchange, pending) = LoopExchanges.StartAwaited();
        Http1SocketIo.Assign(connection, exchange);
        settlement.Began();
        return (settlement, connection, exchange, pending);
    }
}

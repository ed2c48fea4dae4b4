using System.Collections.Concurrent;
using System.Net;
using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>Exchanges of the lean event loop as data, for the tests of its parts: started, never sent (the endpoint is port 9).</summary>
internal static class LoopExchanges
{
    /// <summary>Port 9 (discard) on loopback: the tests here never connect to it.</summary>
    public static readonly Http1Endpoint Endpoint = new(0, "127.0.0.1:9", IPAddress.Loopback, 9);
    private static readonly Pacer.Core.Transport.ExchangeRequest Request =
        MixRequest.Encode(new RequestSpec("r", "GET", new Uri("http://127.0.0.1:9/"), [], null, 1, TimeSpan.FromSeconds(1)));

    /// <summary>An exchange due at <paramref name="notBeforeTicks"/> (0: at once), timing out at <paramref name="deadlineTicks"/>.</summary>
    public static Http1Exchange Start(long notBeforeTicks = 0, long deadlineTicks = long.MaxValue, CancellationToken cancellation = default) =>
        StartAwaited(notBeforeTicks, deadlineTicks, cancellation).Exchange;

    /// <summary>As <see cref="Start"/>, with what its sender awaits.</summary>
    public static (Http1Exchange Exchange, ValueTask<Pacer.Core.Transport.TransportResult> Pending) StartAwaited(
        long notBeforeTicks = 0, long deadlineTicks = long.MaxValue, CancellationToken cancellation = default)
    {
        var exchange = new Http1Exchange(new ConcurrentQueue<Http1Exchange>());
        var pending = exchange.Start(Request, Endpoint, null, notBeforeTicks, deadlineTicks, cancellation);
        return (exchange, pending);
    }
}

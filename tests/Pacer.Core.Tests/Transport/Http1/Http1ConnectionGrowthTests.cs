using System.Diagnostics;
using System.Text;
using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>
/// How the event loop's pool grows: a late exchange waits for a busy connection rather than opening one (the loop's lateness is
/// not demand), and a backlog the busy connections do not drain opens new ones (demand is).
/// </summary>
public sealed class Http1ConnectionGrowthTests
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    [Fact]
    public async Task LateExchanges_ThatTheBusyConnectionsDrain_OpenNoConnectionEach()
    {
        // 100 requests all due 5 ms ago, as when the loop catches up after being held up: each used to find every connection
        // busy and open one of its own (a connect burst at the server for a load of one request at a time). Answered at once,
        // they go out on the connection that is there as it comes free.
        using var server = ScriptedServer.Always(Ok);
        var request = Request(server.BaseAddress);
        await using var transport = new Http1Transport(MixRequest.EncodeAll([request]), loopCount: 1);
        Assert.Equal(200, (await transport.SendAsync(request, CancellationToken.None)).Status);

        var late = Stopwatch.GetTimestamp() - (Stopwatch.Frequency * 5 / 1000);
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => transport.SendAtAsync(request, late, CancellationToken.None).AsTask()));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.All(results, r => Assert.True(r.SendTicks >= late));

        // One connection can carry them all; a server held up for a millisecond or more on a loaded machine earns a few more
        // (at most 8 per millisecond the backlog did not shrink). Opening one per late request would be about 100.
        Assert.True(transport.ConnectionsOpened <= 40, $"{transport.ConnectionsOpened} connections opened for 100 late requests");
        Assert.Equal(server.Connections, transport.ConnectionsOpened);
    }

    [Fact]
    public async Task LateExchanges_ThatTheBusyConnectionsDoNotDrain_GetConnectionsOfTheirOwn()
    {
        // Every answer takes 100 ms: 20 late requests queued behind one busy connection would take 2 s one after another. The
        // backlog does not shrink, so the loop opens connections for it, and the 20 are answered together.
        using var server = new ScriptedServer((_, _) =>
        {
            // The server's service time (it is the reference, not a wait for something).
            Thread.Sleep(100);
            return new ScriptedReply(Ok);
        });
        var request = Request(server.BaseAddress);
        await using var transport = new Http1Transport(MixRequest.EncodeAll([request]), loopCount: 1);
        Assert.Equal(200, (await transport.SendAsync(request, CancellationToken.None)).Status);

        var started = Stopwatch.GetTimestamp();
        var late = started - (Stopwatch.Frequency * 5 / 1000);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => transport.SendAtAsync(request, late, CancellationToken.None).AsTask()));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.True(transport.ConnectionsOpened >= 10, $"{transport.ConnectionsOpened} connections for 20 requests of 100 ms each, all due at once");
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"20 requests of 100 ms took {elapsed.TotalMilliseconds:0} ms");
    }

    private static RequestSpec Request(Uri url) => new("r", "GET", url, [], null, 1, TimeSpan.FromSeconds(5));
}

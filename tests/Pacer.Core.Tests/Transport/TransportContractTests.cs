using Microsoft.AspNetCore.Http;
using Pacer.Core.Running;
using Pacer.Core.Plans;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Transport;

/// <summary>What every transport must do the same way; each transport runs these through a subclass.</summary>
public abstract class TransportContractTests
{
    /// <summary>A transport for <paramref name="requests"/>.</summary>
    private protected abstract ITransport Create(params RequestSpec[] requests);

    [Fact]
    public async Task SendAsync_Ok_CountsStatusAndBytes()
    {
        await using var server = await TestHttpServer.StartAsync(context => context.Response.WriteAsync(new string('x', 10_000)));
        var request = Request(server.BaseAddress, body: "{\"a\":1}");
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(200, result.Status);
        Assert.Equal(ErrorKind.None, result.Error);
        Assert.True(result.BytesReceived > 10_000, $"received {result.BytesReceived}");
        Assert.True(result.BytesSent > 7, $"sent {result.BytesSent}");
        Assert.True(result.EndTicks >= result.SendTicks);
    }

    [Theory]
    [InlineData(404, ErrorKind.Http4xx)]
    [InlineData(503, ErrorKind.Http5xx)]
    [InlineData(302, ErrorKind.None)]
    public async Task SendAsync_HttpStatus_ClassifiesByStatus(int status, ErrorKind expected)
    {
        await using var server = await TestHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(status, result.Status);
        Assert.Equal(expected, result.Error);
        if (expected != ErrorKind.None)
        {
            Assert.Contains($"HTTP {status}", transport.FirstErrorExamples[expected], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConnectionsOpened_CountsWhatTheServerSaw_OneForSequentialRequestsOneEachForConcurrentOnes()
    {
        // Three requests one after another share a keep-alive connection; four at once need four (the idle one and three new).
        // The server holds the four until all have arrived, so they are in flight together.
        var connections = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var arrived = 0;
        var allFour = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            connections.TryAdd(context.Connection.Id, true);
            if (context.Request.Path == "/together" && Interlocked.Increment(ref arrived) == 4)
            {
                allFour.TrySetResult();
            }

            if (context.Request.Path == "/together")
            {
                await allFour.Task.WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted);
            }

            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        var one = Request(server.BaseAddress);
        var together = Request(new Uri(server.BaseAddress, "together"));
        await using var transport = Create(one, together);
        var count = (IConnectionCount)transport;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await transport.SendAsync(one, CancellationToken.None)).Status);
        }

        var afterSequential = count.ConnectionsOpened;
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => transport.SendAsync(together, CancellationToken.None).AsTask()));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, afterSequential);
        Assert.Equal(4, count.ConnectionsOpened);
        Assert.Equal(connections.Count, count.ConnectionsOpened);
    }

    [Fact]
    public async Task SendAsync_DeadPort_IsRefused()
    {
        var request = Request(DeadPort.Url());
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(ErrorKind.Refused, result.Error);
        Assert.Equal(0, result.Status);
        Assert.True(transport.FirstErrorExamples.ContainsKey(ErrorKind.Refused));
    }

    [Fact]
    public async Task SendAsync_ServerResets_IsReset()
    {
        await using var server = ResettingServer.Resetting();
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(ErrorKind.Reset, result.Error);
    }

    [Fact]
    public async Task SendAsync_ServerSpeaksGarbage_IsProtocol()
    {
        await using var server = ResettingServer.Garbage();
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(ErrorKind.Protocol, result.Error);
    }

    [Fact]
    public async Task SendAsync_SlowerThanTimeout_IsTimeout()
    {
        using var release = new CancellationTokenSource();
        await using var server = await SilentServerAsync(release.Token);
        var request = Request(server.BaseAddress, timeout: TimeSpan.FromMilliseconds(200));
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);
        await release.CancelAsync();

        Assert.Equal(ErrorKind.Timeout, result.Error);
        Assert.Contains("200 ms", transport.FirstErrorExamples[ErrorKind.Timeout], StringComparison.Ordinal);
    }

    /// <summary>
    /// A request with a short timeout sent while one with a long timeout is in flight times out by its own deadline: the lean
    /// loop's scan looks at its connections only once the earliest deadline it knows of has passed, and this one came later.
    /// </summary>
    [Fact]
    public async Task SendAsync_ShortTimeoutSentAfterALongOne_TimesOutByItsOwnDeadline()
    {
        using var release = new CancellationTokenSource();
        using var arrived = new SemaphoreSlim(0);
        await using var server = await SilentServerAsync(release.Token, arrived);
        var patient = Request(server.BaseAddress, timeout: TimeSpan.FromSeconds(60));
        var hasty = Request(server.BaseAddress, timeout: TimeSpan.FromMilliseconds(300));
        await using var transport = Create(patient, hasty);
        using var run = new CancellationTokenSource();

        // The first request is on its connection (the server has it) before the second is sent: the loop knows only its
        // deadline, a minute away, when the second comes.
        var first = transport.SendAsync(patient, run.Token).AsTask();
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(20)), "the first request never reached the server");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var second = await transport.SendAsync(hasty, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        Assert.Equal(ErrorKind.Timeout, second.Error);
        Assert.InRange(took, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(5));
        Assert.False(first.IsCompleted);
        await run.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await release.CancelAsync();
    }

    /// <summary>Two runs' requests in flight at once, one run cancelled: only its request ends, promptly; the other goes on.</summary>
    [Fact]
    public async Task SendAsync_OneOfTwoRunsCancelled_EndsOnlyThatRunsRequest()
    {
        using var release = new CancellationTokenSource();
        using var arrived = new SemaphoreSlim(0);
        await using var server = await SilentServerAsync(release.Token, arrived);
        var request = Request(server.BaseAddress, timeout: TimeSpan.FromSeconds(60));
        await using var transport = Create(request);
        using var kept = new CancellationTokenSource();
        using var cancelled = new CancellationTokenSource();

        // Both in flight on their connections (the server has both) before one run is cancelled.
        var going = transport.SendAsync(request, kept.Token).AsTask();
        var ending = transport.SendAsync(request, cancelled.Token).AsTask();
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(20)), "both requests should reach the server");
        }

        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ending.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.False(going.IsCompleted);
        await kept.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => going);
        await release.CancelAsync();
    }

    [Fact]
    public async Task SendAsync_RunCancelled_ThrowsOperationCanceled()
    {
        using var release = new CancellationTokenSource();
        await using var server = await SilentServerAsync(release.Token);
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);
        using var run = new CancellationTokenSource();

        var send = transport.SendAsync(request, run.Token).AsTask();
        await run.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        await release.CancelAsync();
    }

    [Fact]
    public async Task SendAsync_UnresolvableHost_IsDns()
    {
        var request = Request(new Uri("http://pacer-test.invalid/"));
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(ErrorKind.Dns, result.Error);
    }

    [Fact]
    public async Task SendAsync_HundredConcurrent_AllSucceed()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => transport.SendAsync(request, CancellationToken.None).AsTask()));

        Assert.All(results, r => Assert.Equal(ErrorKind.None, r.Error));
    }

    /// <summary>
    /// A server that never answers: each request waits until <paramref name="release"/> or the client goes away; its arrival
    /// is signalled on <paramref name="arrived"/> first.
    /// </summary>
    private static Task<TestHttpServer> SilentServerAsync(CancellationToken release, SemaphoreSlim? arrived = null) =>
        TestHttpServer.StartAsync(async context =>
        {
            arrived?.Release();
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(release, context.RequestAborted).Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });

    protected static RequestSpec Request(Uri url, string? body = null, TimeSpan? timeout = null) =>
        new("r", body is null ? "GET" : "POST", url, [new("Accept", "text/plain"), new("Content-Type", "application/json")], body, 1, timeout ?? TimeSpan.FromSeconds(5));
}

using Microsoft.AspNetCore.Http;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

/// <summary>A metrics endpoint on 127.0.0.1: answers each scrape with what <c>answer</c> makes of the scrape's number (1-based).</summary>
internal sealed class ExpositionServer : IAsyncDisposable
{
    private readonly TestHttpServer server;
    private int scrapes;

    private ExpositionServer(TestHttpServer server) => this.server = server;

    public Uri Url => new(server.BaseAddress, "metrics");

    public int Scrapes => Volatile.Read(ref scrapes);

    /// <summary>Completed when a request has arrived (for tests that hold the answer back).</summary>
    public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<ExpositionServer> StartAsync(Func<int, (int Status, string Body)> answer, Task? holdUntil = null)
    {
        ExpositionServer? self = null;
        var server = await TestHttpServer.StartAsync(async context =>
        {
            var n = Interlocked.Increment(ref self!.scrapes);
            self.Arrived.TrySetResult();
            if (holdUntil is not null) await holdUntil.WaitAsync(context.RequestAborted);
            var (status, body) = answer(n);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain; version=0.0.4";
            await context.Response.WriteAsync(body, context.RequestAborted);
        });
        self = new ExpositionServer(server);
        return self;
    }

    public static Task<ExpositionServer> StartAsync(Func<int, string> body) => StartAsync(n => (200, body(n)));

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Pacer.Core.Tests.TestServers;

/// <summary>
/// Answers 200 at once, except that it freezes for <c>stall</c> at the end of every <c>period</c> (counted from its start),
/// like a service in a long GC pause: a request arriving during a freeze is answered when the freeze ends.
/// </summary>
internal sealed class StallingServer : IAsyncDisposable
{
    private readonly TestHttpServer server;

    private StallingServer(TestHttpServer server) => this.server = server;

    public Uri BaseAddress => server.BaseAddress;

    public static async Task<StallingServer> StartAsync(TimeSpan period, TimeSpan stall)
    {
        var started = Stopwatch.GetTimestamp();
        var server = await TestHttpServer.StartAsync(async context =>
        {
            var phase = TimeSpan.FromTicks(Stopwatch.GetElapsedTime(started).Ticks % period.Ticks);
            if (phase >= period - stall)
            {
                await Task.Delay(period - phase, context.RequestAborted);
            }

            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        return new StallingServer(server);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

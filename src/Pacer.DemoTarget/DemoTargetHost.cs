using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pacer.DemoTarget;

/// <summary>The demo service on Kestrel: start it in-process (for <c>pacer demo</c> and tests) or serve it standalone until cancelled.</summary>
public sealed class DemoTargetHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly DemoApi api;

    private DemoTargetHost(WebApplication app, DemoApi api, Uri baseAddress)
    {
        this.app = app;
        this.api = api;
        BaseAddress = baseAddress;
    }

    /// <summary>Where it listens, with the actual port, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The broadcast rooms, whose counts are the truth a test compares a run's with.</summary>
    internal BroadcastRooms Rooms => api.Rooms;

    /// <summary>Starts the service; returns once it accepts connections.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="IOException">The port could not be bound (for example, already in use).</exception>
    public static async Task<DemoTargetHost> StartAsync(DemoTargetOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // An empty builder: no appsettings, no environment configuration, nothing that could change the demo's behaviour.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.AddServerHeader = false;
            var address = options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
            // Cleartext HTTP/2 needs prior knowledge, which Kestrel serves only on an HTTP/2-only endpoint.
            kestrel.Listen(address, options.Port, listen => listen.Protocols = options.Http2Only ? HttpProtocols.Http2 : HttpProtocols.Http1);
        });
        builder.Services.AddRoutingCore();
        // ASP.NET Core's options (the web defaults, relaxed escaping) in snake_case. Under NativeAOT minimal APIs cannot
        // serialise by reflection: every body a handler reads or answers resolves through the generated context first.
        builder.Services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, DemoJsonContext.Default);
        });
        builder.Logging.ClearProviders();
        if (!options.Quiet)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information);
        }

        var app = builder.Build();
        app.UseWebSockets();
        app.UseRouting();
        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var api = new DemoApi(options, new WorkerPool(options.WorkerPoolSize, options.WorkCost, options.WorkWait) { WorkTime = options.WorkTime }, json);
        api.Map(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync();
            api.Dispose();
            throw new IOException($"the demo target could not listen on {options.Host}:{options.Port}: {e.Message}", e);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DemoTargetHost(app, api, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/"));
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled (Ctrl-C in <c>pacer demo-target</c>).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is the normal way to stop a standalone demo target.
        }

        await StopAsync(CancellationToken.None);
    }

    /// <summary>Stops accepting and finishes in-flight requests (briefly).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => app.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        api.Dispose();
    }
}

using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pacer.Core.Transport.WebSockets;

namespace Pacer.Core.Tests.Transport.WebSockets;

/// <summary>wss:// through Pacer's connector: TLS to a server with a self-signed certificate, trusted only when the plan says so.</summary>
public sealed class SecureWebSocketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Wss_WithValidationSkipped_OpensAndEchoes_AndWithoutIt_IsRefused()
    {
        await using var app = await StartAsync();
        var address = new Uri("wss" + app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()[5..] + "/");
        var connector = new SocketWebSocketConnector();

        var (refused, none) = await connector.ConnectAsync(new WebSocketConnectRequest(address, [], [], Wait), null, CancellationToken.None);
        Assert.Null(none);
        Assert.Equal(WebSocketFailure.Refused, refused.Failure);
        Assert.Contains("(tls)", refused.Problem, StringComparison.Ordinal);

        var (outcome, session) = await connector.ConnectAsync(new WebSocketConnectRequest(address, [], [], Wait) { SkipCertificateValidation = true }, null, CancellationToken.None);
        Assert.True(outcome.Ok, outcome.Problem);
        await using var open = session!;
        Assert.True((await open.SendAsync("over tls"u8.ToArray(), binary: false, CancellationToken.None)).Ok);
        var reply = await open.ReceiveAsync(Wait, CancellationToken.None);
        Assert.Equal("over tls", System.Text.Encoding.UTF8.GetString(reply.Message!.Payload));
        Assert.True((await open.CloseAsync(1000, string.Empty, Wait, CancellationToken.None)).Ok);
    }

    private static async Task<WebApplication> StartAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, context.RequestAborted);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, context.RequestAborted);
            }
        });
        await app.StartAsync();
        return app;
    }
}

using System.Diagnostics;
using System.Text;
using Pacer.Core.Flows;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>
/// What both lean transports (the epoll loops and the Socket path) do with flow steps beyond the common contract: a body
/// over the cap is an error rather than truncated, hosts rendered at run time are resolved once and pooled, and what plain
/// HTTP/1.1 cannot carry is refused with the same words.
/// </summary>
public abstract class LeanFlowTransportContractTests : FlowTransportContractTests
{
    [Fact]
    public async Task Iteration_BodyOverTheCap_IsAProtocolError()
    {
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {ExchangeResponse.MaxBodyBytes + 1}\r\n\r\n");
        using var server = ScriptedServer.Always([.. head, .. new byte[ExchangeResponse.MaxBodyBytes + 1]]);
        var plan = Plan(server.BaseAddress, "scenarios:\n  - steps: [{ name: big, path: /big }]\n");
        await using var transport = Create(plan);
        var (runner, recorder) = Runner(plan, transport);

        await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None);

        recorder.Tick(1);
        Assert.Equal(1, recorder.Totals.Failures);
        Assert.Contains("larger than 16 MB", transport.FirstErrorExamples[ErrorKind.Protocol], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Iteration_SecondHostRenderedAtRunTime_ReachesBothAndKeepsOneConnectionToEach()
    {
        using var first = ScriptedServer.Always("HTTP/1.1 200 OK\r\nX-Server: first\r\nContent-Length: 0\r\n\r\n");
        using var second = ScriptedServer.Always("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"s\":\r\n9\r\n\"second\"}\r\n0\r\n\r\n");
        var plan = Plan(first.BaseAddress, $$"""
            scenarios:
              - vars: { other: "{{second.BaseAddress.Authority}}" }
                steps:
                  - { name: one, path: /one, checks: [{ header: x-server, equals: first }] }
                  - { name: two, path: "http://${other}/two", checks: [{ json: $.s, equals: second }] }
            """);
        await using var transport = Create(plan);
        var (runner, recorder) = Runner(plan, transport);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await runner.RunIterationAsync(new VirtualUser(0), i, Stopwatch.GetTimestamp(), CancellationToken.None));
        }

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(6, recorder.Checks.TotalPasses);
        Assert.Equal(0, recorder.Totals.Failures);
        Assert.Equal(1, first.Connections);
        Assert.Equal(1, second.Connections);
    }

    [Fact]
    public async Task Iteration_HostThatDoesNotResolve_IsADnsErrorAndEndsTheIteration()
    {
        using var server = ScriptedServer.Always("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        var plan = Plan(server.BaseAddress, """
            scenarios:
              - vars: { other: pacer-test.invalid }
                steps:
                  - { name: lost, path: "http://${other}/x" }
                  - { name: after, path: /after }
            """);
        await using var transport = Create(plan);
        var (runner, recorder) = Runner(plan, transport);

        for (var i = 0; i < 2; i++)
        {
            await runner.RunIterationAsync(new VirtualUser(0), i, Stopwatch.GetTimestamp(), CancellationToken.None);
        }

        recorder.Tick(1);
        Assert.Equal(2, recorder.Totals.PerRequest[0].Requests);
        Assert.Equal(2, recorder.Totals.Failures);
        Assert.Equal(0, recorder.Totals.PerRequest[1].Requests);
        Assert.Equal("could not resolve the host name 'pacer-test.invalid'", transport.FirstErrorExamples[ErrorKind.Dns]);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task ExchangeAsync_RenderedHttpsUrl_IsRefusedAsAProtocolErrorWithoutConnecting()
    {
        using var server = ScriptedServer.Always("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        var plan = Plan(server.BaseAddress, "scenarios:\n  - steps: [{ path: /a }]\n");
        await using var transport = Create(plan);
        var request = new FlowRequest();
        request.Begin("secure", "GET", TimeSpan.FromSeconds(1));
        request.Url.WriteUtf8($"https://{server.BaseAddress.Authority}/a");
        Assert.True(request.TryParseUrl(out _));

        var result = await transport.ExchangeAsync(request.Encode(), new ExchangeResponse(), 0, CancellationToken.None);

        Assert.Equal(ErrorKind.Protocol, result.Error);
        Assert.Equal(
            "the lean transport speaks plain http://, and secure rendered an https:// URL (run with --transport httpclient)",
            transport.FirstErrorExamples[ErrorKind.Protocol]);
        Assert.Equal(0, server.Connections);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Pacer.Core.Running;
using Pacer.Core.Flows;
using Pacer.Core.Plans;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Recording;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Transport;

/// <summary>
/// What every transport that runs scenarios must do the same way: render, send, keep headers and body for checks and
/// extractions, carry cookies, survive closed and reused connections. Each such transport runs these through a subclass.
/// </summary>
public abstract class FlowTransportContractTests
{
    /// <summary>A transport for <paramref name="plan"/>.</summary>
    private protected abstract ITransport Create(LoadPlan plan);

    [Fact]
    public async Task Iteration_ChunkedJsonCookiesAndHeaders_ExtractCheckAndCarryOver()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            var request = context.Request;
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            seen.Enqueue($"{request.Method} {request.Path}{request.QueryString} host={request.Host} cookie={request.Headers.Cookie} auth={request.Headers.Authorization} body={body}");
            context.Response.ContentType = "application/json";
            if (request.Path == "/login")
            {
                context.Response.Headers.Append("Set-Cookie", "sid=s-1; Path=/; HttpOnly");
                context.Response.Headers.Append("X-Session", "x-9");
                await context.Response.WriteAsync("{\"token\":");

                // Flushed in pieces, so Kestrel sends the body chunked.
                await context.Response.Body.FlushAsync();
                await context.Response.WriteAsync("\"t\\u002d7\",\"items\":[1,2,3]}");
                return;
            }

            await context.Response.WriteAsync("{\"ok\":true,\"total\":3}");
        });
        var plan = Plan(server.BaseAddress, """
            scenarios:
              - steps:
                  - name: login
                    method: POST
                    path: /login
                    headers: { Content-Type: application/json }
                    body: '{"user":"u${vu}"}'
                    extract:
                      - { var: token, json: $.token }
                      - { var: last, json: "$.items[-1]" }
                      - { var: session, header: x-session }
                      - { var: sid, cookie: sid }
                    checks: [{ status: 200 }, { header: content-type, equals: application/json }]
                  - name: me
                    path: "/me/${token}?last=${last}&s=${session}&c=${sid}"
                    headers: { Authorization: "Bearer ${token}" }
                    checks: [{ json: $.ok, equals: true }, { json: $.total, gt: 2 }, { body_contains: '"ok":true' }, { body_matches: 'total.:\d' }]
            """);
        await using var transport = Create(plan);
        var (runner, recorder) = Runner(plan, transport);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(3), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(0, recorder.Checks.TotalFails);
        Assert.Equal(6, recorder.Checks.TotalPasses);
        var requests = seen.ToArray();
        Assert.Equal($"POST /login host={server.BaseAddress.Authority} cookie= auth= body={{\"user\":\"u3\"}}", requests[0]);
        Assert.Equal($"GET /me/t-7?last=3&s=x-9&c=s-1 host={server.BaseAddress.Authority} cookie=sid=s-1 auth=Bearer t-7 body=", requests[1]);
    }

    [Fact]
    public async Task Iteration_InterimResponseAndConnectionClose_ReadsTheFinalResponseAndReconnects()
    {
        using var server = ScriptedServer.Always(
            "HTTP/1.1 100 Continue\r\nX-Id: interim\r\n\r\nHTTP/1.1 200 OK\r\nX-Id: 7\r\nContent-Length: 10\r\nConnection: close\r\n\r\n{\"id\":\"x\"}");
        var plan = Plan(server.BaseAddress, """
            scenarios:
              - steps:
                  - name: one
                    path: /one
                    extract: [{ var: id, header: X-Id }, { var: body, json: $.id }]
                  - name: two
                    path: "/two/${id}/${body}"
                    checks: [{ header: x-id, equals: "7" }, { json: $.id, equals: x }]
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
        Assert.Equal(6, server.Connections);
    }

    [Fact]
    public async Task Iteration_ServerClosedTheIdleConnection_RetriesOnANewOne()
    {
        // The server closes after each reply without saying so: the next request meets a stale keep-alive connection.
        var ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"ok\":true}");
        using var server = new ScriptedServer((_, _) => new ScriptedReply(ok, CloseAfter: true));
        var plan = Plan(server.BaseAddress, "scenarios:\n  - steps: [{ name: a, path: /a, checks: [{ json: $.ok, equals: true }] }]\n");
        await using var transport = Create(plan);
        var (runner, recorder) = Runner(plan, transport);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await runner.RunIterationAsync(new VirtualUser(0), i, Stopwatch.GetTimestamp(), CancellationToken.None));
            await server.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        }

        recorder.Tick(1);
        Assert.Equal(3, recorder.Checks.TotalPasses);
        Assert.Equal(0, recorder.Totals.Failures);
    }

    [Fact]
    public async Task Iteration_NoAnswer_IsATimeoutAndEndsTheIteration()
    {
        using var server = new ScriptedServer((_, _) => new ScriptedReply(null));
        var plan = Plan(server.BaseAddress, "scenarios:\n  - steps: [{ name: a, path: /a, timeout: 200ms }, { name: b, path: /b }]\n");
        await using var transport = Create(plan);
        var (runner, recorder) = Runner(plan, transport);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        Assert.Equal(1, recorder.Totals.PerRequest[0].Requests);
        Assert.Equal(1, recorder.Totals.Failures);
        Assert.Equal(0, recorder.Totals.PerRequest[1].Requests);
        Assert.True(transport.FirstErrorExamples.ContainsKey(ErrorKind.Timeout));
    }

    [Fact]
    public async Task Iteration_HeadRequest_ReadsNoBodyWhateverTheLengthSays()
    {
        using var server = ScriptedServer.Always("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nX-Size: big\r\n\r\n");
        var plan = Plan(server.BaseAddress, "scenarios:\n  - steps: [{ name: h, method: HEAD, path: /h, checks: [{ header: X-Size, equals: big }] }, { name: again, method: HEAD, path: /h }]\n");
        await using var transport = Create(plan);
        var (runner, recorder) = Runner(plan, transport);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        Assert.Equal(1, recorder.Checks.TotalPasses);
        Assert.Equal(0, recorder.Totals.Failures);
        Assert.Equal(1, server.Connections);
    }

    private protected static LoadPlan Plan(Uri target, string scenarios) =>
        PlanParser.Parse($"target: {target}\nload: {{model: closed, vus: 1, duration: 1s}}\n{scenarios}\n", "flow.yaml");

    private protected static (FlowRunner Runner, RunRecorder Recorder) Runner(LoadPlan plan, ITransport transport)
    {
        var recorder = new RunRecorder([.. plan.Requests.Select(r => r.Name)], ScenarioSteps.CheckNames(plan.Scenarios), plan.CustomMetrics, ScenarioSteps.GroupNames(plan.Scenarios));
        return (new FlowRunner(plan.Scenarios, transport, recorder, () => true), recorder);
    }
}

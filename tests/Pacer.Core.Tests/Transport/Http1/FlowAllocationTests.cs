using System.Text;
using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>
/// What a scenario plan allocates per request: templates rendered, a JSON value extracted and checked, a variable carried
/// into the next step. Measured like the engine's bound (<see cref="Http1AllocationTests"/>), in the same collection.
/// </summary>
[Collection(nameof(AllocationMeasurement))]
public sealed class FlowAllocationTests(ITestOutputHelper output)
{
    private const string Body = """{"token":"abc123","ok":true}""";

    private static readonly string Reply = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(Body)}\r\n\r\n{Body}";

    private const string Steps = """
        scenarios:
          - name: journey
            steps:
              - name: login
                method: POST
                path: /login
                headers: { Content-Type: application/json, X-Trace: "${uuid}" }
                body: '{"user":"u${vu}","n":${iter}}'
                extract: [{ var: token, json: $.token }]
                checks: [{ status: 200 }]
              - name: item
                path: "/items/${token}?page=${random(1,9)}"
                headers: { Authorization: "Bearer ${token}" }
                checks: [{ json: $.ok, equals: true }]
        load: { model: closed, vus: 8, duration: 120s, warmup: false }
        """;

    [Fact]
    public async Task RunAsync_ScenarioWithTemplatesAndJsonExtraction_AllocatesNothingPerRequest()
    {
        using var server = ScriptedServer.Always(Reply);
        var figure = await AllocationProbe.PerHundredThousandAsync(n => AllocatedDuringRunAsync(server.BaseAddress, n), 20_000, 120_000, attempts: 3);
        var perHundredThousand = figure.PerHundredThousand;
        output.WriteLine(figure.ToString());
        // The engine's own bound: under 2.6 bytes per request, so not one object per request can hide in it. (Over HttpClient
        // this plan allocated about 570 MB per 100,000 requests.)
        Assert.True(perHundredThousand < Http1AllocationTests.AllowedPerHundredThousand, $"100,000 requests allocated {perHundredThousand:N0} bytes");
    }

    private async Task<long> AllocatedDuringRunAsync(Uri url, long requests)
    {
        var plan = PlanParser.Parse($"target: {url}\n{Steps}\n", "flow-allocation.yaml");
        plan = plan with { Load = plan.Load with { StartTarget = 8, MaxRequests = requests } };
        await using var transport = TransportFactory.Create(plan);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"{transport.Name}: {requests:N0} requests, {allocated:N0} B");
        Assert.StartsWith("pacer-http1/epoll", transport.Name, StringComparison.Ordinal);
        Assert.Equal(requests, outcome.Totals.Requests);
        Assert.Equal(0, outcome.Totals.Failures);
        Assert.Empty(outcome.ScriptErrors);
        Assert.Equal(0, outcome.Checks!.Fails(0) + outcome.Checks.Fails(1));
        return allocated;
    }
}

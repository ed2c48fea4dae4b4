using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

/// <summary>
/// A plan is immutable data: everything a run changes (data cursors, variables, cookie jars, check tallies) is created per
/// run, so one parsed <see cref="LoadPlan"/> run twice gives two identical runs. Capacity search and any library user that
/// runs a plan more than once rely on it.
/// </summary>
public sealed class PlanReuseTests
{
    [Fact]
    public async Task RunAsync_SamePlanTwice_WithUniqueData_SendsTheSameRowsInTheSameOrder()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await TestHttpServer.StartAsync(context =>
        {
            seen.Enqueue(context.Request.Path.Value! + " " + context.Request.Headers.Cookie);
            context.Response.Headers.SetCookie = "sid=" + context.Request.Path.Value![3..];
            return context.Response.WriteAsync("""{"id":"x"}""");
        });
        using var data = new TempDataFile(".csv", "user\nann\nbob\ncid\ndan\n");

        // One virtual user, so the order of the rows is the order of the requests; the lane stops when the rows run out.
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            metrics: { signups: counter }
            scenarios:
              - name: signup
                data: { file: '{{data.Path}}', order: unique }
                steps:
                  - name: signup
                    path: "/u/${data.user}"
                    extract: [{ var: id, json: $.id, scope: vu }]
                    checks: [{ status: 200 }, { json: $.id, equals: x }]
                    record: [{ metric: signups }]
            load: { model: closed, vus: 1, duration: 10s, warmup: false }
            """, "reuse.yaml");

        var first = await RunAsync(plan, seen);
        var second = await RunAsync(plan, seen);

        string[] expected = ["/u/ann ", "/u/bob sid=ann", "/u/cid sid=bob", "/u/dan sid=cid"];
        Assert.Equal(expected, first.Sent);
        Assert.Equal(expected, second.Sent);
        Assert.Equal(first.Figures, second.Figures);
        Assert.Equal((4L, 4L, 8L, 0L, "signup ran out of data"), first.Figures);
    }

    private static async Task<Run> RunAsync(LoadPlan plan, ConcurrentQueue<string> seen)
    {
        seen.Clear();
        await using var transport = PlanTransport.Create(plan);
        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        var errors = string.Join("; ", outcome.ScriptErrors.Select(e => $"{e.Kind} x{e.Count}").Concat(outcome.DataExhausted.Select(s => $"{s} ran out of data")));
        return new Run([.. seen], (outcome.Totals.Requests, outcome.Iterations ?? -1, outcome.Checks.TotalPasses, outcome.Checks.TotalFails, errors));
    }

    private sealed record Run(string[] Sent, (long Requests, long Iterations, long Passes, long Fails, string Errors) Figures);
}

using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

/// <summary>
/// A stand-in for Prometheus' HTTP API on 127.0.0.1: records each <c>/api/v1/query_range</c> form and answers it with what
/// <c>answer</c> makes of the query and the evaluation times the range asks for.
/// </summary>
internal sealed class FakePrometheus : IAsyncDisposable
{
    private readonly TestHttpServer server;

    private FakePrometheus(TestHttpServer server) => this.server = server;

    public Uri Url => server.BaseAddress;

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    public static async Task<FakePrometheus> StartAsync(Func<string, IReadOnlyList<double>, (int Status, string Json)> answer)
    {
        FakePrometheus? self = null;
        var server = await TestHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path != "/api/v1/query_range" || context.Request.Method != "POST")
            {
                context.Response.StatusCode = 404;
                return;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            self!.Requests.Enqueue(fields);
            var start = double.Parse(fields["start"], CultureInfo.InvariantCulture);
            var end = double.Parse(fields["end"], CultureInfo.InvariantCulture);
            var step = double.Parse(fields["step"], CultureInfo.InvariantCulture);
            var times = new List<double>();
            for (var t = start; t <= end + 1e-9; t += step) times.Add(t);
            var (status, json) = answer(fields["query"], times);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json, context.RequestAborted);
        });
        self = new FakePrometheus(server);
        return self;
    }

    /// <summary>A matrix of one series per entry of <paramref name="series"/>, each with <paramref name="values"/> at <paramref name="times"/>.</summary>
    public static string Matrix(IReadOnlyList<double> times, Func<int, string> values, params string[] series) =>
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" +
        string.Join(",", series.Select(labels => $"{{\"metric\":{{{labels}}},\"values\":[" +
            string.Join(",", times.Select((t, i) => $"[{t.ToString("0.###", CultureInfo.InvariantCulture)},\"{values(i)}\"]")) + "]}")) +
        "]}}";

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Pacer.Cli.Tests.Watching;

/// <summary>
/// Every kind of source reaches a real <c>pacer run</c>: a scraped metrics endpoint, a Prometheus server asked after the run,
/// and a .NET target's runtime counters — given outright, found by themselves under a watched pid, or turned off.
/// </summary>
[Collection(nameof(TimingSensitive))]
public sealed class WatchSourcesRunTests
{
    [Fact]
    public async Task WatchMetrics_ScrapedGaugeAndCounter_InTheTargetSection()
    {
        var scrapes = 0;
        await using var endpoint = new TinyHttpServer(_ =>
        {
            var n = Interlocked.Increment(ref scrapes);
            return $"# TYPE queue_depth gauge\nqueue_depth 7\n# TYPE jobs_total counter\njobs_total {n * 100}\n";
        });
        await using var target = await DemoTargetProcess.StartAsync();
        var plan = WritePlan(target.BaseAddress, $$"""
            watch:
              metrics: { url: {{endpoint.BaseAddress}}metrics, select: [queue_depth, "jobs_*"] }
            """);
        var output = CliRunner.TempFile("metrics.json");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("run", plan, "-o", output, "--quiet");

            Assert.True(exit == 0, $"exit {exit}: {error}");
            var result = CliRunner.ReadResult(output);
            var depth = Metric(result, "queue_depth", "metrics");
            Assert.All(depth.GetProperty("series").EnumerateArray(), p => Assert.Equal(7, p.GetProperty("v").GetDouble()));
            var jobs = Metric(result, "jobs_*", "metrics");
            Assert.Equal("per_second", jobs.GetProperty("unit").GetString());
            Assert.True(jobs.GetProperty("mean").GetDouble() > 0, jobs.ToString());
        }
        finally
        {
            File.Delete(plan);
            File.Delete(output);
        }
    }

    [Fact]
    public async Task WatchPrometheus_QueriedAfterTheRun_AlignedToTheSeries()
    {
        var asked = new List<string>();
        await using var prometheus = new TinyHttpServer(path =>
        {
            lock (asked)
            {
                asked.Add(path);
            }

            var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query);
            var start = double.Parse(query["start"]!, CultureInfo.InvariantCulture);
            var end = double.Parse(query["end"]!, CultureInfo.InvariantCulture);
            var values = string.Join(",", Enumerable.Range(0, (int)(end - start) + 1).Select(i => string.Create(CultureInfo.InvariantCulture, $"[{start + i},\"0.25\"]")));
            return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[" + values + "]}]}}";
        });
        await using var target = await DemoTargetProcess.StartAsync();
        var plan = WritePlan(target.BaseAddress, $$"""
            watch:
              prometheus: { url: {{prometheus.BaseAddress}}, queries: { api_cpu: 'rate(process_cpu_seconds_total[10s])' } }
            """);
        var output = CliRunner.TempFile("prometheus.json");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("run", plan, "-o", output, "--quiet");

            Assert.True(exit == 0, $"exit {exit}: {error}");
            Assert.Contains(asked, a => a.StartsWith("/api/v1/query_range?", StringComparison.Ordinal) && a.Contains("step=1", StringComparison.Ordinal));
            var result = CliRunner.ReadResult(output);
            var cpu = Metric(result, "api_cpu", "prometheus");
            var seconds = result.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("t").GetDouble()).ToHashSet();
            Assert.NotEmpty(cpu.GetProperty("series").EnumerateArray());
            Assert.All(cpu.GetProperty("series").EnumerateArray(), p =>
            {
                Assert.Contains(p.GetProperty("t").GetDouble(), seconds);
                Assert.Equal(0.25, p.GetProperty("v").GetDouble());
            });
        }
        finally
        {
            File.Delete(plan);
            File.Delete(output);
        }
    }

    [Fact]
    public async Task WatchPid_DotnetTarget_ReadsItsRuntimeCountersByItself()
    {
        await using var target = await DemoTargetProcess.StartAsync();
        var output = CliRunner.TempFile("dotnet-auto.json");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--rate", "50", "--duration", "6s", "--watch-pid", Pid(target), "-o", output, "--quiet");

            Assert.True(exit == 0, $"exit {exit}: {error}");
            var result = CliRunner.ReadResult(output);
            var kinds = result.GetProperty("target").GetProperty("sources").EnumerateArray().Select(s => (s.GetProperty("kind").GetString(), s.GetProperty("address").GetString())).ToList();
            Assert.Equal([("pid", Pid(target)), ("dotnet", Pid(target))], kinds);
            // EventPipe delivers the runtime's counters 1-2 s behind the tick: a 6 s run leaves seconds enough for readings.
            Assert.True(Metric(result, "dotnet_gc_heap", "dotnet").GetProperty("max").GetDouble() > 0);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task WatchDotnetFalse_NoRuntimeCounters()
    {
        await using var target = await DemoTargetProcess.StartAsync();
        var plan = WritePlan(target.BaseAddress, $$"""
            watch: { pid: {{Pid(target)}}, dotnet: false }
            """);
        var output = CliRunner.TempFile("dotnet-off.json");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("run", plan, "-o", output, "--quiet");

            Assert.True(exit == 0, $"exit {exit}: {error}");
            var kinds = CliRunner.ReadResult(output).GetProperty("target").GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("kind").GetString());
            Assert.Equal(["pid"], kinds);
        }
        finally
        {
            File.Delete(plan);
            File.Delete(output);
        }
    }

    [Fact]
    public async Task WatchDotnet_NotADotnetProcess_Exits2BeforeLoad()
    {
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var output = CliRunner.TempFile("dotnet-sleep.json");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("run", "--url", "http://127.0.0.1:9/", "--rate", "10", "--duration", "1s", "--watch-dotnet", sleep.Id.ToString(CultureInfo.InvariantCulture), "-o", output);

            Assert.Equal(2, exit);
            Assert.Contains($"pacer: watch.dotnet: pid {sleep.Id} is not a .NET process", error, StringComparison.Ordinal);
            Assert.False(File.Exists(output));
        }
        finally
        {
            sleep.Kill();
            await sleep.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task WatchDotnetTrue_NoProcessWatched_Exits2()
    {
        var plan = WritePlan(new Uri("http://127.0.0.1:9/"), "watch: { dotnet: true }");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("run", plan, "-o", CliRunner.TempFile("x.json"));

            Assert.Equal(2, exit);
            Assert.Contains("watch.dotnet: true reads the watched process's runtime, and no process is watched", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(plan);
        }
    }

    private static string Pid(DemoTargetProcess target) => target.Pid.ToString(CultureInfo.InvariantCulture);

    private static string WritePlan(Uri target, string watch)
    {
        var plan = CliRunner.TempFile("sources.yaml");
        File.WriteAllText(plan, $$"""
            target: {{target}}
            requests:
              - path: /health
            load: { model: open, rate: 50, duration: 3s }
            {{watch}}
            """);
        return plan;
    }

    private static JsonElement Metric(JsonElement result, string name, string source) =>
        result.GetProperty("target").GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == name && m.GetProperty("source").GetString() == source);
}

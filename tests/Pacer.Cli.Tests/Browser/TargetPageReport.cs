using Pacer.Core.Results;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// A run page with a watched target, made as a user makes one: a real six-second run against the demo target's CPU endpoint
/// (<c>pacer run --out</c>), then <c>pacer report --html</c> on the result. Its target section is written into the result file
/// before the report (CPU from 0.8 to 1.96 of 2 cores at second 3, memory growing, a thread count), aligned with the run's own
/// seconds as a watcher's would be: the page is under test here, not a watcher.
/// </summary>
public sealed class TargetPageReport : IAsyncLifetime
{
    public string Report { get; } = CliRunner.TempFile("target-report.html");

    public async Task InitializeAsync()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("target-report.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            name: cpu endpoint
            target: {{target.BaseAddress}}
            requests:
              - { name: cpu, path: "/cpu?ms=1" }
            load:
              model: open
              stages:
                - { duration: 6s, target: 50 }
            """);
        var resultPath = CliRunner.TempFile("target-report.json");
        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--out", resultPath, "-q");
        if (exit is not (0 or 99))
        {
            throw new InvalidOperationException($"pacer run exited {exit}: {error}{text}");
        }

        var run = await ResultFile.ReadAsync(resultPath, CancellationToken.None);
        var seconds = run.Series.Select(i => i.T).ToList();
        run = run with
        {
            Target = new TargetResult(
                [new TargetSourceResult("pid", "4242", seconds.Count, [])],
                [
                    Metric("target_cpu", "cores", seconds, t => t < 3 ? 0.8 : 1.96, limit: 2),
                    Metric("target_memory", "bytes", seconds, t => 180e6 + (t * 2e6)),
                    Metric("target_threads", "count", seconds, _ => 24),
                ]),
        };
        await ResultFile.WriteAsync(run, resultPath, CancellationToken.None);
        (exit, text, error) = await CliRunner.RunAsync("report", resultPath, "--html", Report);
        if (exit is not (0 or 99) || !File.Exists(Report))
        {
            throw new InvalidOperationException($"pacer report exited {exit}: {error}{text}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static TargetMetricResult Metric(string name, string unit, List<double> seconds, Func<double, double> value, double? limit = null)
    {
        var points = seconds.Select(t => new TargetPointResult(t, value(t))).ToList();
        var values = points.Select(p => p.V).Order().ToList();
        return new TargetMetricResult(name, "pid", unit, values.Average(), values[(int)Math.Ceiling(0.95 * values.Count) - 1], values[^1], points)
        {
            Limit = limit,
            Min = values[0],
            Last = points[^1].V,
        };
    }
}

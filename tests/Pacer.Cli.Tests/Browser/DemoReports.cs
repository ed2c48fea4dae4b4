using Pacer.DemoTarget;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// The reports the browser tests open, made once for all of them the way a user makes them: two four-second open-model ramps
/// against the demo target with <c>pacer run --out</c>, then <c>pacer report RESULT --html</c> and
/// <c>pacer report BASE CURRENT --html</c> on their result files.
/// </summary>
public sealed class DemoReports : IAsyncLifetime
{
    /// <summary>The first run's report.</summary>
    public string RunReport { get; } = CliRunner.TempFile("run-report.html");

    /// <summary>The comparison of the two runs.</summary>
    public string CompareReport { get; } = CliRunner.TempFile("compare-report.html");

    public async Task InitializeAsync()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("browser-report.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            name: browser report
            target: {{target.BaseAddress}}
            requests:
              - { name: list sessions, path: /api/sessions, weight: 6 }
              - { name: create session, method: POST, path: /api/sessions, body: { name: demo }, weight: 2 }
              - { name: login, method: POST, path: /auth/login, body: { username: demo, password: demo }, weight: 1 }
              - { name: health, path: /health, weight: 1 }
            load:
              model: open
              stages:
                - { duration: 2s, target: 200 }
                - { duration: 2s, target: 200 }
            thresholds:
              http_req_duration: ["p(95)<500ms", "p(99)<1s"]
              http_req_failed: ["rate<0.01"]
            """);
        var (baseline, current) = (CliRunner.TempFile("baseline.json"), CliRunner.TempFile("current.json"));
        await RunAsync("run", plan, "--out", baseline, "-q");
        await RunAsync("run", plan, "--out", current, "-q");
        await RunAsync("report", baseline, "--html", RunReport);

        // The verdict depends on how the two runs went on this machine; the page is under test, not the verdict.
        await RunAsync("report", baseline, current, "--html", CompareReport);
        foreach (var report in new[] { RunReport, CompareReport })
        {
            if (!File.Exists(report))
            {
                throw new InvalidOperationException($"no report was written to {report}");
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task RunAsync(params string[] args)
    {
        var (exit, text, error) = await CliRunner.RunAsync(args);
        if (exit is not (0 or 99))
        {
            throw new InvalidOperationException($"pacer {string.Join(' ', args)} exited {exit}: {error}{text}");
        }
    }
}

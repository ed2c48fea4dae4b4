using Pacer.DemoTarget;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// Two more run pages for the run-page tests, made the way a user makes them (<c>pacer run --html</c> against the demo target):
/// a run in which every request failed (the target answers every request with a 500), and a scenario journey with checks,
/// groups and custom metrics (a rate and a trend fed by the steps' <c>record:</c>).
/// </summary>
public sealed class RunPageReports : IAsyncLifetime
{
    /// <summary>The page of the run in which nothing succeeded.</summary>
    public string FailingReport { get; } = CliRunner.TempFile("failing-report.html");

    /// <summary>The page of the journey with custom metrics.</summary>
    public string JourneyReport { get; } = CliRunner.TempFile("journey-report.html");

    public async Task InitializeAsync()
    {
        await using (var failing = await DemoTargetHost.StartAsync(new DemoTargetOptions { ErrorRate = 1 }))
        {
            var plan = CliRunner.TempFile("failing-report.yaml");
            await File.WriteAllTextAsync(plan, $$"""
                name: failing run
                target: {{failing.BaseAddress}}
                requests:
                  - { name: list sessions, path: /api/sessions, weight: 3 }
                  - { name: login, method: POST, path: /auth/login, body: { username: demo, password: demo }, weight: 1 }
                load:
                  model: open
                  stages:
                    - { duration: 3s, target: 100 }
                thresholds:
                  http_req_failed: ["rate<0.01"]
                """);
            await RunAsync("run", plan, "--html", FailingReport, "--out", CliRunner.TempFile("failing.json"), "-q");
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var journey = CliRunner.TempFile("journey-report.yaml");
        await File.WriteAllTextAsync(journey, $$"""
            name: session journey
            target: {{target.BaseAddress}}
            metrics:
              session_creation_rate: rate
              command_execution_time: trend
            scenarios:
              - name: session service
                steps:
                  - name: login
                    method: POST
                    path: /auth/login
                    body: { username: "user-${vu}", password: testpass }
                    extract:
                      - { var: token, json: $.token }
                    checks:
                      - { name: auth status is 200, status: 200, abort_iteration: true }
                  - group: Session Management
                    steps:
                      - name: create
                        method: POST
                        path: /api/sessions
                        headers: { Authorization: "Bearer ${token}" }
                        body: { name: "session-${vu}-${iter}", shell: /bin/bash }
                        extract:
                          - { var: session_id, json: $.id }
                        checks:
                          - { name: session created, status: 201, abort_iteration: true }
                        record:
                          - { metric: session_creation_rate, value: checks }
                      - name: command
                        method: POST
                        path: /api/sessions/${session_id}/command
                        headers: { Authorization: "Bearer ${token}" }
                        body: { command: echo "Hello World" }
                        checks:
                          - { name: command execution status is 200, status: 200 }
                        record:
                          - { metric: command_execution_time, value: duration }
                  - think: 100ms
            load:
              model: closed
              stages:
                - { duration: 1s, target: 5 }
                - { duration: 2s, target: 5 }
            thresholds:
              session_creation_rate: ["rate>0.95"]
              command_execution_time: ["p(95)<500"]
            """);
        await RunAsync("run", journey, "--html", JourneyReport, "--out", CliRunner.TempFile("journey.json"), "-q");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task RunAsync(params string[] args)
    {
        var (exit, text, error) = await CliRunner.RunAsync(args);
        if (exit is not (0 or 99) || !File.Exists(args[Array.IndexOf(args, "--html") + 1]))
        {
            throw new InvalidOperationException($"pacer {string.Join(' ', args)} exited {exit}: {error}{text}");
        }
    }
}

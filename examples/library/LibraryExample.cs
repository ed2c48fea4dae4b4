using System.Globalization;
using Pacer.Core.Engine;
using Pacer.Core.Plans;
using Pacer.DemoTarget;

namespace Pacer.Examples.Library;

/// <summary>
/// Pacer as a library: a plan built in C#, run by <see cref="PacerEngine"/> with an observer printing each second, and the
/// p99 latency read from the result.
/// </summary>
public static class LibraryExample
{
    /// <summary>Runs the example; exit code 0 when the run passed its threshold, 99 when it did not (as <c>pacer run</c>).</summary>
    /// <param name="args">Optional: the target URL (without one the demo target is started in-process) and the duration in seconds (default 5).</param>
    /// <param name="output">Where to print.</param>
    /// <param name="cancellationToken">Stops the run early; the partial result is still printed.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;

        // No URL: start the demo service in this process, on a free loopback port.
        await using var demo = args.Length > 0 ? null : await DemoTargetHost.StartAsync(new DemoTargetOptions(), cancellationToken);
        var target = args.Length > 0 ? new Uri(args[0]) : demo!.BaseAddress;

        // The plan: an open model ramping to 100 requests/s, a read-heavy mix, and a p99 threshold. Build() checks it with the
        // same rules as a YAML plan and throws PlanException naming every mistake.
        var plan = new PlanBuilder("library example", target)
            .RampingArrivals([new Stage(TimeSpan.FromSeconds(seconds / 5), 100), new Stage(TimeSpan.FromSeconds(seconds * 4 / 5), 100)])
            .Header("Accept", "application/json")
            .Timeout(TimeSpan.FromSeconds(5))
            .Request(new PlanRequest("GET", "/api/sessions") { Name = "list sessions", Weight = 3 })
            .Request(new PlanRequest("POST", "/api/sessions") { Name = "create session", Body = """{"name":"library"}""", Headers = [new("Content-Type", "application/json")] })
            .Request(new PlanRequest("GET", "/health") { Name = "health" })
            .Threshold("http_req_duration", "p(99)<250ms")
            .Build();

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Observers = [new PrintEverySecond(output)] }, cancellationToken);

        var result = run.Result;
        var latency = result.Metrics["http_req_duration"];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.Metrics["http_reqs"].Count} requests, p99 {latency.P99:0.###} ms, {(result.Passed ? "passed" : "FAILED")}{(result.Aborted ? $" (aborted: {result.AbortReason})" : string.Empty)}"));
        foreach (var warning in result.Warnings)
        {
            await output.WriteLineAsync("warning: " + warning);
        }

        return result.Passed ? 0 : 99;
    }

    /// <summary>An observer: one line a second, per request name. It runs on its own task, so printing never slows the run.</summary>
    private sealed class PrintEverySecond(TextWriter output) : IRunObserver
    {
        public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken) =>
            new(output.WriteLineAsync($"running {started.Plan.Name} against {started.Plan.Target} ({started.Model} model, transport {started.TransportName})"));

        public ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken) =>
            new(output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{tick.Elapsed.TotalSeconds,5:0.0}s  {string.Join("  ", tick.Requests.Select(r => $"{r.Name}: {r.Rate:0}/s p99 {r.P99:0.##} ms"))}")));

        public ValueTask OnCompletedAsync(Pacer.Core.Results.RunResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

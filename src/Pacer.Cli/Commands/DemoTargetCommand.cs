using System.CommandLine;
using Pacer.Cli.Pipeline;
using Pacer.DemoTarget;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer demo-target</c>: serves the demo target on its own until Ctrl-C, so any tool can be pointed at it.</summary>
internal static class DemoTargetCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new DemoTargetOptions();
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => defaults.Host };
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 8080 };
        var workers = new Option<int>("--workers") { Description = "Size of the worker pool that runs session and command work.", DefaultValueFactory = _ => defaults.WorkerPoolSize };
        var workCost = new Option<int>("--work-cost") { Description = "CPU work per command (hash rounds).", DefaultValueFactory = _ => defaults.WorkCost };
        var noCache = new Option<bool>("--no-cache") { Description = "Turn the read cache off." };
        var workCache = new Option<int>("--work-cache") { Description = "Keep the results of this many distinct commands (least recently used go first); a cached command takes no worker and no work. 0 (the default) keeps none." };
        var errorRate = new Option<double>("--error-rate") { Description = "Fraction of requests answered 500 (0 to 1).", DefaultValueFactory = _ => defaults.ErrorRate };
        var workWait = new Option<string?>("--work-wait") { Description = "Time each piece of work also holds its worker without CPU (a simulated database call), e.g. 20ms: the pool then sets the ceiling, workers ÷ wait." };
        var workTime = new Option<string?>("--work-time") { Description = "The least wall time each piece of work hashes on the CPU, e.g. 20ms: a cost that stays the same on a busy machine, so one worker's ceiling is 1 ÷ this time." };
        var extraLatency = new Option<string?>("--extra-latency") { Description = "Delay added to every request, e.g. 5ms." };
        var http2 = new Option<bool>("--http2") { Description = "Speak HTTP/2 with prior knowledge (h2c) instead of HTTP/1.1; load it with pacer run --http2." };
        var cpu = new Option<string?>("--cpu-per-request") { Description = "CPU time GET /cpu burns per request when it has no ?ms= (default 5ms; at most 1s)." };
        var lockHold = new Option<string?>("--lock-hold") { Description = "How long GET /lock holds the service's one global lock per request when it has no ?ms= (default 10ms; at most 1s)." };
        var leak = new Option<string?>("--leak-per-request") { Description = "Keep this much memory alive for good on every request, e.g. 16kB: a leak, for watching the target (default none)." };
        var leakCap = new Option<string?>("--leak-cap") { Description = "The most the leak keeps in all, then memory levels off (default 256MiB; at most 1GiB)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every request." };
        var command = new Command("demo-target", "Serve the demo target (a small session API) until Ctrl-C.")
        {
            host, port, workers, workCost, workWait, workTime, noCache, workCache, errorRate, extraLatency, http2, cpu, lockHold, leak, leakCap, verbose,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            DemoTargetOptions options;
            try
            {
                options = new DemoTargetOptions
                {
                    Host = parse.GetValue(host)!,
                    Port = parse.GetValue(port),
                    WorkerPoolSize = parse.GetValue(workers),
                    WorkCost = parse.GetValue(workCost),
                    CacheEnabled = !parse.GetValue(noCache),
                    WorkCacheSize = parse.GetValue(workCache),
                    ErrorRate = parse.GetValue(errorRate),
                    WorkWait = parse.GetValue(workWait) is { } wait ? DurationOption.Parse(wait, "--work-wait") : TimeSpan.Zero,
                    WorkTime = parse.GetValue(workTime) is { } time ? DurationOption.Parse(time, "--work-time") : TimeSpan.Zero,
                    ExtraLatency = parse.GetValue(extraLatency) is { } latency ? DurationOption.Parse(latency, "--extra-latency") : TimeSpan.Zero,
                    Http2Only = parse.GetValue(http2),
                    CpuPerRequest = parse.GetValue(cpu) is { } burn ? DurationOption.Parse(burn, "--cpu-per-request") : defaults.CpuPerRequest,
                    LockHold = parse.GetValue(lockHold) is { } held ? DurationOption.Parse(held, "--lock-hold") : defaults.LockHold,
                    LeakPerRequest = parse.GetValue(leak) is { } kept ? ByteSizeOption.Parse(kept, "--leak-per-request") : 0,
                    LeakCap = parse.GetValue(leakCap) is { } cap ? ByteSizeOption.Parse(cap, "--leak-cap") : defaults.LeakCap,
                    Quiet = !parse.GetValue(verbose),
                };
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }

            using var interrupt = new UserInterrupt();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(interrupt.Token, cancellationToken);
            await using var server = await DemoTargetHost.StartAsync(options, linked.Token);
            await output.WriteLineAsync($"demo target listening on {server.BaseAddress} (HTTP/{(options.Http2Only ? "2 prior knowledge" : "1.1")}, workers {options.WorkerPoolSize}, cache {(options.CacheEnabled ? "on" : "off")}{(options.LeakPerRequest > 0 ? $", leaking {options.LeakPerRequest} bytes a request up to {options.LeakCap}" : "")}); Ctrl-C stops it");
            await server.WaitForShutdownAsync(linked.Token);
            await output.WriteLineAsync("demo target stopped");
            return ExitCodes.Passed;
        });
        return command;
    }
}

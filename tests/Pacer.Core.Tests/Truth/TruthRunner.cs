using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Truth;

/// <summary>Runs a plan through Pacer's engine (as the CLI does: factory, runner, result builder) against a truth server.</summary>
internal static class TruthRunner
{
    public static async Task<TruthRun> RunAsync(string yaml, TruthServer server, TransportChoice choice, int capacity = 20_000)
    {
        var plan = PlanParser.Parse(yaml, "truth.yaml");
        await using var transport = PlanTransport.Create(plan, choice);
        var log = new RequestLog(capacity);
        using var probe = new SchedulingProbe();
        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions { RequestObserver = log }, CancellationToken.None);
        var (probeP99, probeMax) = probe.Finish();
        var result = ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), transport.Name, transport.FirstErrorExamples);
        var observed = log.Entries;
        if (observed.Count == 0)
        {
            throw new InvalidOperationException($"Pacer recorded no request on {transport.Name}: nothing to compare");
        }

        var start = observed.Min(o => o.IntendedTicks);

        // What the runtime compiled while the schedule ran (docs/truth.md, rounds 3-6: tier-1 re-compilation is the start-up's
        // main suspect).
        var (methods, mostIn10Ms) = probe.CompiledBetween(start, start + (long)(plan.Load.Duration.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
        var runtime = probe.RuntimeBetween(start, start + (long)(plan.Load.Duration.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
        var records = server.Records(TimeSpan.FromSeconds(10));
        return new TruthRun(
            plan,
            transport.Name,
            outcome,
            result,
            observed,
            start,
            [.. records.Where(r => r.ArrivalTicks >= start)],
            [.. records.Where(r => r.ArrivalTicks < start)])
        {
            MachineStallP99Ms = probeP99,
            MachineStallMaxMs = probeMax,
            MethodsCompiledDuringRun = methods,
            MethodsCompiledMostIn10Ms = mostIn10Ms,
            RuntimeDuringRun = runtime,
        };
    }
}

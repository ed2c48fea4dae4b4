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
        // The runtime's JIT counters at time zero (the last thing before it) and after the run: what tiered compilation did
        // while the schedule ran, the start-up's main suspect (docs/truth.md, rounds 3-6).
        (long Methods, TimeSpan Time) atZero = default;
        var options = new RunOptions
        {
            RequestObserver = log,
            BeforeLoad = () =>
            {
                atZero = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
                return Task.CompletedTask;
            },
        };
        var outcome = await LoadRunner.RunAsync(plan, transport, options, CancellationToken.None);
        var (methodsAfter, timeAfter) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        var (probeP99, probeMax) = probe.Finish();
        var result = ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), transport.Name, transport.FirstErrorExamples);
        var observed = log.Entries;
        if (observed.Count == 0)
        {
            throw new InvalidOperationException($"Pacer recorded no request on {transport.Name}: nothing to compare");
        }

        var start = observed.Min(o => o.IntendedTicks);
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
            MethodsCompiledDuringRun = methodsAfter - atZero.Methods,
            CompilationDuringRunMs = (timeAfter - atZero.Time).TotalMilliseconds,
        };
    }
}

using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Running;

namespace Pacer.Core.Tests.Truth;

/// <summary>One run of Pacer against a <see cref="TruthServer"/>: Pacer's outcome and result, what its recorder was given, and the server's log.</summary>
/// <param name="Plan">The plan that ran.</param>
/// <param name="Transport">The transport's name, for the test's report.</param>
/// <param name="Outcome">What the engine returned.</param>
/// <param name="Result">The result built from it, as the result file would hold it.</param>
/// <param name="Observed">Every request Pacer recorded, with its raw ticks.</param>
/// <param name="StartTicks">The run's clock origin: the earliest intended start Pacer recorded (the first arrival's, in the open model).</param>
/// <param name="Server">The server's log of the requests that arrived from <paramref name="StartTicks"/> on.</param>
/// <param name="WarmUp">The server's log of the requests that arrived before it (the warm-up).</param>
internal sealed record TruthRun(
    LoadPlan Plan,
    string Transport,
    RunOutcome Outcome,
    RunResult Result,
    IReadOnlyList<ObservedRequest> Observed,
    long StartTicks,
    IReadOnlyList<TruthRecord> Server,
    IReadOnlyList<TruthRecord> WarmUp)
{
    /// <summary>How much later than asked a 1 ms sleep returned during the run, p99 (<see cref="SchedulingProbe"/>).</summary>
    public double MachineStallP99Ms { get; init; }

    /// <summary>The longest such delay: how long the machine kept a ready thread of this process waiting.</summary>
    public double MachineStallMaxMs { get; init; }

    /// <summary>Methods the runtime compiled while the schedule ran (first calls and tier-ups, every thread).</summary>
    public long MethodsCompiledDuringRun { get; init; }

    /// <summary>The most of them compiled within any 10 ms.</summary>
    public long MethodsCompiledMostIn10Ms { get; init; }

    /// <summary>The garbage collector's pauses and the probe's worst oversleeps while the schedule ran (a line for the output).</summary>
    public string RuntimeDuringRun { get; init; } = "";

    /// <summary>The probe's figures as one line, for reports and failure messages.</summary>
    public string MachineNote => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"machine during the run: a 1 ms sleep overslept by p99 {MachineStallP99Ms:0.0} ms, max {MachineStallMaxMs:0.0} ms; load average {LoadAverage()}");

    /// <summary>The recorder slot of the request or step called <paramref name="name"/>.</summary>
    public int IndexOf(string name)
    {
        var names = Outcome.Totals.PerRequest;
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"no request named '{name}' in the run", nameof(name));
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            // Not Linux (or no procfs): the probe's own figures still say how busy the machine was.
            return "unknown";
        }
    }
}

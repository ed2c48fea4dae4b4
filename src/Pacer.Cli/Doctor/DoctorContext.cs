namespace Pacer.Cli.Doctor;

/// <summary>Everything a doctor check judges: the machine's files, the planned run, where its target is, and the runtime's core count.</summary>
/// <param name="Files">/proc and /sys, under a root.</param>
/// <param name="Demand">The run being prepared.</param>
/// <param name="Placement">Where its target is.</param>
/// <param name="ProcessorCount">The cores .NET will use (<see cref="Environment.ProcessorCount"/>: affinity and cgroup quota applied).</param>
internal sealed record DoctorContext(HostFiles Files, DoctorDemand Demand, TargetPlacement Placement, int ProcessorCount);

namespace Pacer.Cli.Doctor;

/// <summary>Runs every check on the generator machine for a planned run.</summary>
internal static class MachineDoctor
{
    /// <summary>The checks, in the order the table shows them: the run's own limits first, then the machine's speed, then the target.</summary>
    public static IReadOnlyList<IDoctorCheck> Checks { get; } =
    [
        new OpenFilesCheck(),
        new PortRangeCheck(),
        new TimeWaitReuseCheck(),
        new ListenBacklogCheck(),
        new CoresCheck(),
        new CpuGovernorCheck(),
        new ClockSourceCheck(),
        new TargetPlacementCheck(),
    ];

    /// <summary>Locates the target, then runs every check.</summary>
    public static async Task<DoctorReport> ExamineAsync(HostFiles files, DoctorDemand demand, TargetLocator locator, int processorCount, CancellationToken cancellationToken)
    {
        var placement = await locator.LocateAsync(demand.Hosts, cancellationToken);
        var context = new DoctorContext(files, demand, placement, processorCount);
        return new(demand, [.. Checks.Select(c => c.Examine(context))]);
    }
}

namespace Pacer.Cli.Doctor;

/// <summary>Whether the target shares this machine's CPU with Pacer (located beforehand by <see cref="TargetLocator"/>).</summary>
internal sealed class TargetPlacementCheck : IDoctorCheck
{
    public string Name => "target placement";

    public DoctorFinding Examine(DoctorContext context)
    {
        var placement = context.Placement;
        return placement.OnThisMachine switch
        {
            true => new(Name, $"{placement.Detail}: this machine", DoctorVerdict.Warn,
                $"The service and Pacer share {context.ProcessorCount} core(s): what one uses the other cannot, so a CPU-bound result may be the two competing.",
                "run the target on another machine, or pin them apart (taskset -c 0 SERVICE …; taskset -c 1 pacer run …)"),
            false => new(Name, $"{placement.Detail}: another machine", DoctorVerdict.Ok, "The service has its own CPU.", null),
            null => new(Name, $"unknown: {placement.Detail}", DoctorVerdict.Unknown, "Whether the service shares this machine's CPU cannot be told.", "give the plan or --url the run will use"),
        };
    }
}

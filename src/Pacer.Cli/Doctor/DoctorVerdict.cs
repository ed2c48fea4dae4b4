namespace Pacer.Cli.Doctor;

/// <summary>What a doctor check concluded about the generator machine.</summary>
internal enum DoctorVerdict
{
    /// <summary>Nothing here will limit the run.</summary>
    Ok,

    /// <summary>It may cost accuracy or headroom, but the run can go ahead.</summary>
    Warn,

    /// <summary>It will limit the run: fix it first (the doctor then exits 1).</summary>
    Limit,

    /// <summary>The machine does not say (a file absent in a VM or container, a name that does not resolve): not a pass.</summary>
    Unknown,
}

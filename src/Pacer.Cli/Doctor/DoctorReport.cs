namespace Pacer.Cli.Doctor;

/// <summary>What the doctor found: the run it judged the machine for, and one finding a check.</summary>
/// <param name="Demand">The planned run.</param>
/// <param name="Findings">One per check, in the order they are shown.</param>
internal sealed record DoctorReport(DoctorDemand Demand, IReadOnlyList<DoctorFinding> Findings)
{
    /// <summary>Something will limit the run (the doctor exits 1).</summary>
    public bool Limited => Findings.Any(f => f.Verdict == DoctorVerdict.Limit);
}

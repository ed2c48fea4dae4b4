namespace Pacer.Cli.Doctor;

/// <summary>One thing about the generator machine that can limit a load test.</summary>
internal interface IDoctorCheck
{
    /// <summary>The check's name, as the table's first column shows it.</summary>
    string Name { get; }

    /// <summary>Reads what it needs and judges it; never throws for what the machine lacks (that is <see cref="DoctorVerdict.Unknown"/>).</summary>
    DoctorFinding Examine(DoctorContext context);
}

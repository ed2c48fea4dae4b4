namespace Pacer.Cli.Doctor;

/// <summary>One line of the doctor's table.</summary>
/// <param name="Check">What was checked, e.g. "open files".</param>
/// <param name="Found">The value found, with what it was judged against.</param>
/// <param name="Verdict">The conclusion.</param>
/// <param name="Why">Why it matters for a load test (or why the doctor cannot tell); one sentence.</param>
/// <param name="Fix">The command or setting that fixes it; null when there is nothing to fix.</param>
internal sealed record DoctorFinding(string Check, string Found, DoctorVerdict Verdict, string Why, string? Fix);

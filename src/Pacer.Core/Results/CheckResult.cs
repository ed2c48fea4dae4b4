namespace Pacer.Core.Results;

/// <summary>One check name's outcome over the run (scenario plans).</summary>
/// <param name="Name">The check's name (the <c>name</c> tag of <c>checks{name:…}</c>).</param>
/// <param name="Passes">Responses that passed it.</param>
/// <param name="Fails">Responses that failed it.</param>
/// <param name="Rate">Passes over all evaluations, 0–1.</param>
public sealed record CheckResult(string Name, long Passes, long Fails, double Rate);

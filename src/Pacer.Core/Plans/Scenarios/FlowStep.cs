namespace Pacer.Core.Plans.Scenarios;

/// <summary>One step of a scenario: a request, a think pause, or a group of steps. Runs with <see cref="Probability"/> (1: always).</summary>
internal abstract class FlowStep
{
    /// <summary>Chance that the step runs in an iteration, 0–1.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>Where the step is in the plan (<c>file:line:col</c>), for script-error reports.</summary>
    public required string Location { get; init; }
}

namespace Pacer.Core.Plans.Scenarios;

/// <summary>Steps reported together: each request in it is reported as <c>group › step</c>.</summary>
internal sealed class GroupStep : FlowStep
{
    public required string Name { get; init; }

    public required IReadOnlyList<FlowStep> Steps { get; init; }
}

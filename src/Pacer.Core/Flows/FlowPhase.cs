namespace Pacer.Core.Flows;

/// <summary>Where a <see cref="FlowIteration"/> is.</summary>
internal enum FlowPhase
{
    /// <summary>No scenario picked yet.</summary>
    NotStarted,

    /// <summary>Walking the scenario's steps.</summary>
    Steps,

    /// <summary>The steps are over (or cut short); pacing may still hold the user.</summary>
    Ending,

    /// <summary>Finished.</summary>
    Done,
}

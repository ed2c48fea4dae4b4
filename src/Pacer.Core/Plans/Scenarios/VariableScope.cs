namespace Pacer.Core.Plans.Scenarios;

/// <summary>How long an extracted variable lives.</summary>
internal enum VariableScope
{
    /// <summary>Until the virtual user's iteration ends (the default: each journey starts clean).</summary>
    Iteration,

    /// <summary>For the virtual user's whole life (a login token reused across iterations).</summary>
    VirtualUser,
}

using Pacer.Core.Plans.Scenarios.Checks;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Waits for the next message, or with <see cref="Match"/> for the first one that passes it (the others are counted as
/// unmatched and dropped), within the step's timeout; then extracts and checks as a request step does on a body.
/// </summary>
internal sealed class SocketReceiveStep : SocketStep
{
    public ResponseCheck? Match { get; init; }
}

using Pacer.Core.Plans.Scenarios.Checks;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Keeps receiving for <see cref="Duration"/> (<c>ws: hold</c>): server push, a broadcast room. Every message is counted
/// (<c>ws_msgs_received</c>), the time since the previous message of the hold is <c>ws_msg_interval</c>; messages that pass
/// <see cref="Match"/> (all, without one) are checked, extracted from and recorded, the others counted as unmatched. The
/// socket closing during the hold is the step's failure; the hold's end is not.
/// </summary>
internal sealed class SocketHoldStep : SocketStep
{
    public required TimeSpan Duration { get; init; }

    public ResponseCheck? Match { get; init; }
}

using Pacer.Core.Plans.Scenarios.Checks;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// A WebSocket step of a scenario (<c>ws: connect | send | receive | request | close</c>), on the socket named
/// <see cref="Socket"/>: a user may hold several at once, each opened by a connect step and used by later steps.
/// </summary>
internal abstract class SocketStep : FlowStep
{
    /// <summary>The step's reporting name (in script errors), group-prefixed like a request step's.</summary>
    public required string Name { get; init; }

    /// <summary>The socket this step opens or uses.</summary>
    public required string Socket { get; init; }

    /// <summary>How long the step may wait (the handshake, a message, a reply, the peer's close).</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Variables taken from the message the step received (receive and request only).</summary>
    public IReadOnlyList<Extraction> Extractions { get; init; } = [];

    /// <summary>Checks on the message the step received (receive, request, stream's replies, hold's messages).</summary>
    public IReadOnlyList<ResponseCheck> Checks { get; init; } = [];

    /// <summary>The plan's own metrics fed from each message the step received, as a request step's <c>record</c> does.</summary>
    public IReadOnlyList<MetricRecord> Records { get; init; } = [];
}

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Sends a message and waits for its reply: the first message whose value at <see cref="Correlate"/> equals the sent
/// message's value there (messages that do not are counted as unmatched and dropped). Its round trip is measured from the
/// intended send time.
/// </summary>
internal sealed class SocketRequestStep : SocketStep
{
    public required Template Payload { get; init; }

    public bool Binary { get; init; }

    /// <summary>The JSON path read in the sent message and in each received one.</summary>
    public required JsonPathExpression Correlate { get; init; }

    /// <summary>The path as written, for messages.</summary>
    public required string CorrelateText { get; init; }
}

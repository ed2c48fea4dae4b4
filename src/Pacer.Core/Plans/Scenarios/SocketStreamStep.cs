namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// The open model within one socket (<c>ws: stream</c>): sends a message at each time of its own schedule (<see cref="Rate"/>
/// a second, for <see cref="Duration"/> or <see cref="Count"/> messages) while receiving, whatever the replies do. With
/// <see cref="Correlate"/>, each reply is paired with its message by that JSON value (in any order) and its round trip runs
/// from the message's <b>intended</b> send time (the schedule), so a send the generator made late carries its lateness; a
/// reply that does not come within the step's timeout of its intended send is a counted <c>ws_timeout</c>.
/// </summary>
internal sealed class SocketStreamStep : SocketStep
{
    public required Template Payload { get; init; }

    public bool Binary { get; init; }

    /// <summary>Messages a second (the schedule: message k is due k / rate after the step's intended start).</summary>
    public required double Rate { get; init; }

    /// <summary>How long the schedule runs (messages due before its end are sent); null when <see cref="Count"/> bounds it.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How many messages are sent; null when <see cref="Duration"/> bounds it.</summary>
    public long? Count { get; init; }

    /// <summary>The JSON path pairing a reply with its message; null: the stream only sends (messages received are still counted).</summary>
    public JsonPathExpression? Correlate { get; init; }

    /// <summary>The path as written, for messages.</summary>
    public string CorrelateText { get; init; } = string.Empty;

    /// <summary>The messages the schedule holds: <see cref="Count"/>, or those due within <see cref="Duration"/>.</summary>
    public long Messages => Count ?? (long)Math.Ceiling(Math.Round(Duration!.Value.TotalSeconds * Rate, 9));
}

namespace Pacer.Core.Plans.Scenarios;

/// <summary>Sends one message: text (a template), or binary (the template renders base64, sent decoded).</summary>
internal sealed class SocketSendStep : SocketStep
{
    public required Template Payload { get; init; }

    public bool Binary { get; init; }
}

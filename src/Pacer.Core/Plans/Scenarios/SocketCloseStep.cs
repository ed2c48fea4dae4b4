namespace Pacer.Core.Plans.Scenarios;

/// <summary>Closes a socket with a close code (1000 unless given) and waits up to the timeout for the peer's close.</summary>
internal sealed class SocketCloseStep : SocketStep
{
    public int Code { get; init; } = 1000;

    public string Reason { get; init; } = string.Empty;
}

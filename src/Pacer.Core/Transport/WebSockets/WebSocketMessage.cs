namespace Pacer.Core.Transport.WebSockets;

/// <summary>One whole message as received (its fragments joined), stamped when its last byte arrived.</summary>
/// <param name="Payload">The message's bytes.</param>
/// <param name="Binary">True for a binary message, false for text.</param>
/// <param name="ReceivedTicks">Stopwatch tick at which the receive loop had the whole message.</param>
internal sealed record WebSocketMessage(byte[] Payload, bool Binary, long ReceivedTicks);

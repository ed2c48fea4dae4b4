namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Sends a ping frame and waits (up to the step's timeout) for the peer's pong: the round trip is <c>ws_ping</c>, measured
/// from the intended send time, as every Pacer round trip is. Messages that arrive meanwhile stay queued for later steps.
/// </summary>
internal sealed class SocketPingStep : SocketStep;

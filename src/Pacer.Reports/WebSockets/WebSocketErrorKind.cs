namespace Pacer.Reports.WebSockets;

/// <summary>Failed WebSocket steps of one kind (<c>ws_closed_1011</c>, <c>ws_handshake_401</c>, <c>ws_timeout</c> …) across the plan's steps.</summary>
/// <param name="Kind">The kind, as the result's <c>script_errors</c> name it.</param>
/// <param name="Count">How many steps failed so.</param>
/// <param name="Steps">The steps that did, in the result's order.</param>
/// <param name="FirstMessage">The first message seen of this kind.</param>
internal sealed record WebSocketErrorKind(string Kind, long Count, IReadOnlyList<string> Steps, string FirstMessage);

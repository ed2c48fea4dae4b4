using Pacer.Core.Transport.WebSockets;

namespace Pacer.Core.Flows;

/// <summary>A socket a virtual user holds open: its session, and whether it lives for the user (<c>scope: vu</c>) or the iteration.</summary>
internal sealed record OpenSocket(WebSocketSession Session, bool UserScope);

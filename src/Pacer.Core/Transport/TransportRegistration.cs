namespace Pacer.Core.Transport;

/// <summary>
/// One way the factory can make a transport: the URI schemes it serves, whether it applies to the options asked for, and how
/// to make it. A new protocol (ws://, wss://) is a new registration, not a new branch in the factory.
/// </summary>
/// <param name="Name">A short name for messages (e.g. <c>lean</c>, <c>httpclient</c>).</param>
/// <param name="Schemes">The schemes it serves (lower case).</param>
/// <param name="Applies">Whether it may serve a run with these options (the choice asked for, HTTP/2, the platform).</param>
/// <param name="Create">Makes it; the requests known before the run (a mix's, frozen) are given so they can be prepared once.</param>
internal sealed record TransportRegistration(
    string Name,
    IReadOnlySet<string> Schemes,
    Func<TransportOptions, bool> Applies,
    Func<IReadOnlyList<ExchangeRequest>, TransportOptions, ITransport> Create);

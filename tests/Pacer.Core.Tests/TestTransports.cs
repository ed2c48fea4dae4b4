using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests;

/// <summary>
/// Sends a plan's <see cref="RequestSpec"/> through the one transport contract, framed as the runtime frames a mix's
/// requests (<see cref="MixRequest"/>), for tests that exercise one request at a time. Frames per call: not for allocation tests.
/// </summary>
internal static class TestTransports
{
    public static ValueTask<TransportResult> SendAsync(this ITransport transport, RequestSpec request, CancellationToken cancellationToken) =>
        transport.ExchangeAsync(MixRequest.Encode(request), null, 0, cancellationToken);

    public static ValueTask<TransportResult> SendAtAsync(this ITransport transport, RequestSpec request, long notBeforeTicks, CancellationToken cancellationToken) =>
        transport.ExchangeAsync(MixRequest.Encode(request), null, notBeforeTicks, cancellationToken);

    /// <summary>Capabilities of a test's fake transport: http and https, held exchanges when <paramref name="holds"/>.</summary>
    public static TransportCapabilities FakeCapabilities(bool holds = false) =>
        new(new HashSet<string>(StringComparer.Ordinal) { "http", "https" }) { HoldsScheduledExchanges = holds };
}

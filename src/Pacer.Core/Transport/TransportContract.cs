namespace Pacer.Core.Transport;

/// <summary>Checks of <see cref="ITransport"/>'s contract that every transport makes the same way.</summary>
internal static class TransportContract
{
    /// <summary>
    /// A transport that does not hold scheduled exchanges refuses a time to hold one until: writing it at once would send it
    /// early, which no measurement may do, so the caller must wait for its time and hand it over then.
    /// </summary>
    public static void EnsureNotHeld(ITransport transport, long notBeforeTicks)
    {
        if (notBeforeTicks != 0 && !transport.Capabilities.HoldsScheduledExchanges)
        {
            throw new ArgumentOutOfRangeException(
                nameof(notBeforeTicks),
                $"transport {transport.Name} does not hold scheduled exchanges (see its capabilities): hand each over at its time, with 0");
        }
    }
}

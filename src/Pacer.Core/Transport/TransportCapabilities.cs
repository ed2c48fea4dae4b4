namespace Pacer.Core.Transport;

/// <summary>
/// What a transport can do beyond sending an exchange, declared by the transport rather than guessed from the interfaces it
/// happens to implement: the runtime reads this record to decide how to hand work over and what the result can report.
/// </summary>
/// <param name="Schemes">The URI schemes it speaks (lower case), e.g. <c>http</c>, <c>https</c>.</param>
internal sealed record TransportCapabilities(IReadOnlySet<string> Schemes)
{
    /// <summary>
    /// It takes an exchange ahead of its time and writes it itself, not before the moment given to
    /// <see cref="ITransport.ExchangeAsync"/>, on the thread that owns the connection: the open model then hands over a batch of
    /// arrivals per wake-up, and a step after a think time needs no timer wake-up and no thread hop. A transport without it
    /// must be handed each exchange at its time.
    /// </summary>
    public bool HoldsScheduledExchanges { get; init; }

    /// <summary>How many connections it has opened; null when it cannot count them honestly (the result then says unknown, not 0).</summary>
    public IConnectionCount? Connections { get; init; }

    /// <summary>The processor time of its event loops, for the generator's health check; null when it has none.</summary>
    public IEventLoopLoad? EventLoops { get; init; }
}

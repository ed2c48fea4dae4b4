using System.Diagnostics;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Running;

/// <summary>
/// Sends each request of the plan once, unrecorded, before the clock starts: the first call on either side pays for JIT
/// compilation and connection setup, which is not the service's latency under load. Bounded to a few seconds in all.
/// </summary>
/// <remarks>
/// On a transport with event loops the requests go once through each loop (sends take the loops in turn), so every loop
/// has run its code and holds an open connection before the first arrival; on one that holds requests until their time,
/// each is held for a moment, so the holding path the run's arrivals take has run as well. Each result is recorded into
/// a scratch recorder that is thrown away: the first arrivals' results are recorded on the event loop that answered them,
/// and a first call's compilation there would hold up the arrivals due next (a burst, and a connection for each of them).
/// </remarks>
internal static class WarmUp
{
    public static async Task RunAsync(LoadPlan plan, IReadOnlyList<ExchangeRequest> mix, ITransport transport, TickSource ticks, CancellationToken interrupt)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(3), ticks.Provider);
        using var onInterrupt = interrupt.Register(bound.Cancel);
        var capabilities = transport.Capabilities;
        var rounds = Math.Max(1, capabilities.EventLoops?.EventLoopCount ?? 1);
        var hold = capabilities.HoldsScheduledExchanges ? Stopwatch.Frequency / 2000 : 0;
        var scratch = new RunRecorder([.. plan.Requests.Select(r => r.Name)]);
        var scratchHealth = new GeneratorHealth(ticks: ticks);
        foreach (var index in Enumerable.Repeat(Enumerable.Range(0, Math.Min(20, mix.Count)), rounds).SelectMany(r => r))
        {
            try
            {
                var now = ticks.Now;
                var intended = now + hold;
                var result = await transport.ExchangeAsync(mix[index], null, hold == 0 ? 0 : intended, bound.Token);
                scratch.RecordRequest(index, intended, result);
                scratchHealth.RecordLag(result.SendTicks - intended);
            }
            catch (OperationCanceledException)
            {
                // Warm-up ran out of time (or the user interrupted): start the run anyway; nothing was recorded.
                return;
            }
        }
    }
}

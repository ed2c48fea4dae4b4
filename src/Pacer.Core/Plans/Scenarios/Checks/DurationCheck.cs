using System.Diagnostics;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>The response took less than a bound, from the actual send to the last byte (service time, as k6's <c>timings.duration</c>).</summary>
internal sealed class DurationCheck(string name, TimeSpan bound) : ResponseCheck(name)
{
    private readonly TimeSpan bound = bound;

    public override bool Passes(ExchangeResponse response, ITemplateScope scope, WireBuffer scratch) =>
        Stopwatch.GetElapsedTime(response.Result.SendTicks, response.Result.EndTicks) < bound;
}

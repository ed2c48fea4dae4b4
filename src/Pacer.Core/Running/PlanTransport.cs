using Pacer.Core.Plans;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;

namespace Pacer.Core.Running;

/// <summary>
/// What a plan asks of the transport, worked out by the runtime (the transport knows nothing of plans): the schemes it sends
/// to, its settings, and its request mix framed once, handed to <see cref="TransportFactory"/>.
/// </summary>
internal static class PlanTransport
{
    /// <summary>
    /// The transport for <paramref name="plan"/>; see <see cref="TransportFactory.Create"/> for the choice and its errors.
    /// <paramref name="eventLoops"/> (a test's) wins over the plan's <see cref="LoadPlan.EventLoops"/>.
    /// </summary>
    public static ITransport Create(LoadPlan plan, TransportChoice choice = TransportChoice.Auto, int? eventLoops = null) =>
        TransportFactory.Default.Create(
            Schemes(plan),
            new TransportOptions(choice, plan.Http2, plan.InsecureSkipTlsVerify, eventLoops ?? plan.EventLoops),
            MixRequest.Of(plan));

    /// <summary>
    /// Every scheme the plan may send to: its mix's, and each scenario step's. A step whose URL does not begin with its scheme
    /// (it starts with a variable) may render either http:// or https://, so it asks for both.
    /// </summary>
    public static IReadOnlySet<string> Schemes(LoadPlan plan)
    {
        var schemes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var request in plan.Requests)
        {
            schemes.Add(request.Url.Scheme.ToLowerInvariant());
        }

        foreach (var step in plan.Scenarios.SelectMany(s => ScenarioSteps.AllRequests(s.Steps)))
        {
            var prefix = step.Url.LiteralPrefix;
            var end = prefix.IndexOf("://", StringComparison.Ordinal);
            if (end > 0)
            {
                schemes.Add(prefix[..end].ToLowerInvariant());
            }
            else
            {
                schemes.Add(Uri.UriSchemeHttp);
                schemes.Add(Uri.UriSchemeHttps);
            }
        }

        return schemes;
    }
}

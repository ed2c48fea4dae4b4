using Pacer.Core.Plans.Scenarios;
namespace Pacer.Core.Plans;

/// <summary>
/// A validated, immutable load plan: what to hit, how hard, and what counts as passing.
/// Produced once by the plan parser (or built in C#); nothing downstream re-validates it.
/// </summary>
/// <param name="Name">A human name for reports; defaults to the file name.</param>
/// <param name="Target">Base URL every relative request path is resolved against.</param>
/// <param name="Requests">The request mix; at least one. Weights decide each request's share of iterations.</param>
/// <param name="Load">The load model and its stages.</param>
/// <param name="Thresholds">Pass/fail criteria, k6 syntax.</param>
/// <param name="Source">Where the plan came from (file path and raw text), kept for the result file's digest.</param>
public sealed record LoadPlan(
    string Name,
    Uri Target,
    IReadOnlyList<RequestSpec> Requests,
    LoadProfile Load,
    IReadOnlyList<ThresholdSpec> Thresholds,
    PlanSource Source)
{
    /// <summary>Speak HTTP/2 (over TLS for https://, prior knowledge for http://); the HttpClient transport carries it.</summary>
    public bool Http2 { get; init; }

    /// <summary>User journeys (<c>scenarios:</c>); empty for a plain request mix. When set, <see cref="Requests"/> holds one
    /// entry per request step, for reporting.</summary>
    internal IReadOnlyList<Scenarios.ScenarioSpec> Scenarios { get; init; } = [];

    /// <summary>Metrics the plan declares (<c>metrics:</c>), fed by scenario steps and usable in thresholds.</summary>
    public IReadOnlyList<CustomMetricSpec> CustomMetrics { get; init; } = [];

    /// <summary>Accept any server certificate (self-signed test servers), like k6's insecureSkipTLSVerify.</summary>
    public bool InsecureSkipTlsVerify { get; init; }
}

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

    /// <summary>The objectives of the plan's <c>slo:</c> section, each judged on the run's events with an error budget.</summary>
    public IReadOnlyList<SloObjective> Slo { get; init; } = [];

    /// <summary>
    /// Targets of SLO files (<c>--slo</c>) that a load test cannot judge, each with why: shown in the summary and the result so
    /// none is silently dropped. The files' judged targets are among <see cref="Thresholds"/>, each with its origin.
    /// </summary>
    public IReadOnlyList<NotJudgedTarget> NotJudged { get; init; } = [];

    /// <summary>
    /// This plan with the targets of an SLO file (<see cref="SloFile.Load"/>) added: its thresholds after the plan's own, its
    /// not-judged keys listed.
    /// </summary>
    public LoadPlan WithSlo(SloTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return this with { Thresholds = [.. Thresholds, .. targets.Thresholds], NotJudged = [.. NotJudged, .. targets.NotJudged] };
    }
    /// <summary>Where the plan's own <c>load:</c> stands in its file, for errors about it; null for a plan built in C# or without one.</summary>
    internal PlanPlace? LoadPlace { get; init; }

    /// <summary>What Pacer watches of the service under load while the plan runs (<c>watch:</c>); null when nothing is watched.</summary>
    public WatchSpec? Watch { get; init; }

    /// <summary>Accept any server certificate (self-signed test servers), like k6's insecureSkipTLSVerify.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>
    /// Event loops of the lean HTTP/1.1 transport (<c>event_loops</c>, <c>--event-loops</c>): each is a thread that owns its
    /// connections and can keep about one core busy; null for one per two cores (<see cref="Transport.TransportFactory.DefaultEventLoops"/>).
    /// Other transports ignore it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="PlanParser.MaxEventLoops"/>.</exception>
    public int? EventLoops
    {
        get => eventLoops;
        init
        {
            // Checked here, not only by the plan reader, so a plan built in C# cannot ask for zero loops (no thread would send).
            if (value is < 1 or > PlanParser.MaxEventLoops)
            {
                throw new ArgumentOutOfRangeException(nameof(EventLoops), value, $"event loops must be between 1 and {PlanParser.MaxEventLoops}");
            }

            eventLoops = value;
        }
    }

    private readonly int? eventLoops;

    /// <summary>
    /// The same plan pointed at <paramref name="newTarget"/>: every request (and scenario step) that lived under the plan's
    /// target moves to the new one, keeping its path and query; requests to other hosts stay where they are.
    /// </summary>
    /// <param name="newTarget">An absolute http:// or https:// URL; only its scheme, host and port are used.</param>
    public LoadPlan Retarget(Uri newTarget)
    {
        ArgumentNullException.ThrowIfNull(newTarget);
        if (!newTarget.IsAbsoluteUri || (newTarget.Scheme != Uri.UriSchemeHttp && newTarget.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{newTarget}' is not an absolute http:// or https:// URL", nameof(newTarget));
        }

        var oldBase = Target.GetLeftPart(UriPartial.Authority);
        var newBase = newTarget.GetLeftPart(UriPartial.Authority);
        return this with
        {
            Target = new Uri(newBase + Target.PathAndQuery),
            Requests = [.. Requests.Select(r => r.Url.GetLeftPart(UriPartial.Authority) == oldBase ? r with { Url = new Uri(newBase + r.Url.PathAndQuery) } : r)],
            Scenarios = [.. Scenarios.Select(s => s.Retarget(oldBase, newBase))],
        };
    }

    /// <summary>
    /// The same plan with its stages stretched or shrunk in proportion so the whole plan lasts <paramref name="total"/>.
    /// Scenarios with a load of their own are scaled by the same factor, so they keep their places relative to each other.
    /// </summary>
    /// <param name="total">The new total duration; positive.</param>
    public LoadPlan ScaleTo(TimeSpan total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(total, TimeSpan.Zero);
        var longest = Scenarios.Select(s => s.Load?.Duration ?? TimeSpan.Zero).Append(Load.Duration).Max();
        if (longest <= TimeSpan.Zero)
        {
            return this;
        }

        var factor = total / longest;
        return this with
        {
            Load = Scale(Load, factor),
            Scenarios = [.. Scenarios.Select(s => s.Load is { } own ? s.WithLoad(Scale(own, factor)) : s)],
        };

        static LoadProfile Scale(LoadProfile load, double factor) =>
            load with { Stages = [.. load.Stages.Select(s => s with { Duration = s.Duration * factor })] };
    }
}

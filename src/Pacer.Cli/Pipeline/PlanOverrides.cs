using Pacer.Core.Plans;

namespace Pacer.Cli.Pipeline;

/// <summary>Command-line overrides of a loaded plan: another target (same paths), a request bound, protocol switches.</summary>
internal static class PlanOverrides
{
    public static LoadPlan Apply(LoadPlan plan, string? target, long? maxRequests)
    {
        if (maxRequests is { } n)
        {
            if (n <= 0)
            {
                throw new UsageException($"--max-requests must be a positive number, not {n}");
            }

            plan = plan with { Load = plan.Load with { MaxRequests = n } };
        }

        if (target is null)
        {
            return plan;
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var newTarget) || (newTarget.Scheme != Uri.UriSchemeHttp && newTarget.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--target '{target}' is not an absolute http:// or https:// URL");
        }

        return plan.Retarget(newTarget);
    }

    /// <summary><c>--http2</c> and <c>--insecure</c> switch the plan's protocol settings on (a flag never switches one off).</summary>
    public static LoadPlan Protocol(LoadPlan plan, bool http2, bool insecureSkipTlsVerify) =>
        plan with { Http2 = plan.Http2 || http2, InsecureSkipTlsVerify = plan.InsecureSkipTlsVerify || insecureSkipTlsVerify };

    /// <summary><c>--event-loops</c> replaces the plan's <c>event_loops</c>.</summary>
    public static LoadPlan EventLoops(LoadPlan plan, int? eventLoops) => eventLoops switch
    {
        null => plan,
        < 1 or > PlanParser.MaxEventLoops => throw new UsageException($"--event-loops must be between 1 and {PlanParser.MaxEventLoops}, not {eventLoops}"),
        _ => plan with { EventLoops = eventLoops },
    };
}

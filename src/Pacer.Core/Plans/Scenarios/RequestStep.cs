using Pacer.Core.Plans.Scenarios.Checks;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>A request of a scenario: templates compiled at plan load, then its extractions and checks.</summary>
internal sealed class RequestStep : FlowStep
{
    /// <summary>The reporting name; also the recorder slot's name (unique in the plan).</summary>
    public required string Name { get; init; }

    /// <summary>Index of this step's slot in the recorder (the plan's <c>Requests</c> list holds one entry per request step).</summary>
    public required int MetricIndex { get; init; }

    public required string Method { get; init; }

    /// <summary>The absolute URL (target joined with the path) as a template.</summary>
    public required Template Url { get; init; }

    public required IReadOnlyList<HeaderTemplate> Headers { get; init; }

    public Template? Body { get; init; }

    public required TimeSpan Timeout { get; init; }

    public IReadOnlyList<Extraction> Extractions { get; init; } = [];

    public IReadOnlyList<ResponseCheck> Checks { get; init; } = [];

    /// <summary>Values this step adds to the plan's own metrics.</summary>
    public IReadOnlyList<MetricRecord> Records { get; init; } = [];

    /// <summary>
    /// True when a template of the step renders <c>${now}</c>. Such a step is rendered when it is sent, never ahead of a think
    /// time to be held by the transport: its timestamp would be the think time early.
    /// </summary>
    public bool ReadsClock
    {
        get
        {
            if (Url.ReadsClock || (Body?.ReadsClock ?? false))
            {
                return true;
            }

            // By index: a foreach or Any over the interface would allocate an enumerator for every step taken.
            for (var i = 0; i < Headers.Count; i++)
            {
                if (Headers[i].Value.ReadsClock)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>This step with another URL template (the plan pointed at another target).</summary>
    public RequestStep WithUrl(Template url) => new()
    {
        Name = Name,
        MetricIndex = MetricIndex,
        Method = Method,
        Url = url,
        Headers = Headers,
        Body = Body,
        Timeout = Timeout,
        Extractions = Extractions,
        Checks = Checks,
        Records = Records,
        Probability = Probability,
        Location = Location,
    };
}

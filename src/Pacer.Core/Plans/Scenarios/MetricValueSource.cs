namespace Pacer.Core.Plans.Scenarios;

/// <summary>What a step's <c>record</c> entry adds to its custom metric.</summary>
internal enum MetricValueSource
{
    /// <summary>The step's latency from its intended start, in ms (trend).</summary>
    Duration,

    /// <summary>Whether every check of the step passed (rate), or 1 when they all did (counter).</summary>
    Checks,

    /// <summary>Whether the request succeeded (no error, status below 400).</summary>
    Ok,

    /// <summary>A number rendered from a template, e.g. an extracted <c>${queue_depth}</c>, or a constant.</summary>
    Value,
}

namespace Pacer.Core.Plans;

/// <summary>What a threshold may name: the request names, check names, declared metrics and group names of a plan or a result.</summary>
internal sealed record ThresholdNames(
    IReadOnlyList<string> Requests,
    IReadOnlyList<string> Checks,
    IReadOnlyList<CustomMetricSpec> Custom,
    IReadOnlyList<string> Groups);

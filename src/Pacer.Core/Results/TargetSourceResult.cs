namespace Pacer.Core.Results;

/// <summary>One watched source and how watching it went.</summary>
/// <param name="Kind">Its kind: <c>command</c>, <c>pid</c>, <c>cgroup</c>, <c>dotnet</c>, <c>metrics</c> or <c>prometheus</c>.</param>
/// <param name="Address">A pid, a cgroup path, a URL.</param>
/// <param name="Samples">Seconds for which it gave readings.</param>
/// <param name="Errors">What went wrong, each once with how often (<c>3× connection refused</c>); a source that failed is reported here, never fatal to the run.</param>
public sealed record TargetSourceResult(string Kind, string Address, int Samples, IReadOnlyList<string> Errors)
{
    /// <summary>Where the started service's output went (<c>--watch-cmd</c>): a log file next to the result; null for other sources.</summary>
    public string? Log { get; init; }
}

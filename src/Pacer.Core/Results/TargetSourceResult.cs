namespace Pacer.Core.Results;

/// <summary>One watched source and how watching it went.</summary>
/// <param name="Kind">Its kind: <c>command</c>, <c>pid</c>, <c>cgroup</c>, <c>dotnet</c>, <c>metrics</c> or <c>prometheus</c>.</param>
/// <param name="Address">A pid, a cgroup path, a URL.</param>
/// <param name="Samples">Seconds for which it gave readings.</param>
/// <param name="Errors">What went wrong, each once with how often (<c>3× connection refused</c>); a source that failed is reported here, never fatal to the run.</param>
/// <remarks>What a source's figures mean without anything having gone wrong is in <see cref="Notes"/>, so a report can show errors as errors.</remarks>
public sealed record TargetSourceResult(string Kind, string Address, int Samples, IReadOnlyList<string> Errors)
{
    /// <summary>Where the started service's output went (<c>--watch-cmd</c>): a log file next to the result; null for other sources.</summary>
    public string? Log { get; init; }

    /// <summary>
    /// What its figures mean, said once, where nothing went wrong (<c>process 4242 is in Pacer's own network namespace …</c>,
    /// a cgroup controller that is not enabled); null when there is nothing to say and in files from before notes were kept apart.
    /// </summary>
    public IReadOnlyList<string>? Notes { get; init; }
}

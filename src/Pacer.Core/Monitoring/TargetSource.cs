namespace Pacer.Core.Monitoring;

/// <summary>What a watcher watches.</summary>
/// <param name="Kind">The source's kind: <c>command</c>, <c>pid</c>, <c>cgroup</c>, <c>dotnet</c>, <c>metrics</c> or <c>prometheus</c>.</param>
/// <param name="Address">Where: a pid, a cgroup path, a URL.</param>
public sealed record TargetSource(string Kind, string Address)
{
    /// <summary>As a user reads it: <c>pid 1234</c>.</summary>
    public override string ToString() => $"{Kind} {Address}";
}

namespace Pacer.Core.Plans;

/// <summary><c>watch.dotnet</c>: <c>true</c> (the watched process), <c>false</c> (not even automatically), or a pid.</summary>
/// <param name="Enabled">Whether .NET counters are read.</param>
/// <param name="Pid">The .NET process to read them from; null for the watched process (<c>pid</c> or <c>command</c>).</param>
public sealed record WatchDotnetSpec(bool Enabled, int? Pid = null);

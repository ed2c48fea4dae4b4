namespace Pacer.Core.Tests;

/// <summary>Tests whose verdict depends on timing: xunit runs this collection alone, after the others.</summary>
[CollectionDefinition(nameof(TimingSensitive), DisableParallelization = true)]
public sealed class TimingSensitive;

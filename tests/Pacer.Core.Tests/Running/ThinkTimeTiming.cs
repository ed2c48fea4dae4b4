namespace Pacer.Core.Tests.Running;

/// <summary>Tests that measure when think times end: run alone, so other tests' load does not stand in for Pacer's.</summary>
[CollectionDefinition(nameof(ThinkTimeTiming), DisableParallelization = true)]
public sealed class ThinkTimeTiming;

namespace Pacer.Core.Tests;

/// <summary>Tests that read the process-wide allocation counter: never run in parallel with anything else.</summary>
[CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
public sealed class AllocationMeasurement;

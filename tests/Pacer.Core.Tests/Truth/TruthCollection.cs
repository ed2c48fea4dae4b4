namespace Pacer.Core.Tests.Truth;

/// <summary>
/// The truth suite: its verdicts depend on timing (arrivals within a millisecond of schedule, percentiles within 2%), so xunit
/// runs this collection alone, with no other test competing for the cores.
/// </summary>
[CollectionDefinition(nameof(TruthCollection), DisableParallelization = true)]
public sealed class TruthCollection;

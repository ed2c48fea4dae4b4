namespace Pacer.Core.Results;

/// <summary>One scenario group's durations over the run: from its first step's intended start to its last step's end, ms.</summary>
public sealed record GroupResult(string Name, DurationStats Duration);

namespace Pacer.Core.Plans;

/// <summary>
/// One stage: over <paramref name="Duration"/> the target (iterations/s for the open model, virtual users for the closed one)
/// moves linearly from the previous stage's target (or the profile's start) to <paramref name="Target"/>, as in k6.
/// </summary>
public readonly record struct Stage(TimeSpan Duration, double Target);

namespace Pacer.Core.Plans.Tuning;

/// <summary>
/// Stops a trial early when its first seconds are clearly worse than the best trial so far: the trial is kept, marked pruned,
/// with what it measured.
/// </summary>
/// <param name="After">How long a trial runs before it may be stopped.</param>
/// <param name="WorseThan">The fraction of the best trial's objective below which (above, for a quantity to minimise: the best divided by it) it is stopped, 0–1.</param>
public sealed record TunePrune(TimeSpan After, double WorseThan);

namespace Pacer.Core.Recording;

/// <summary>
/// The generator's health over one tick of a run: the same second as the recorder's interval of that tick, since the runner
/// samples the generator right after each recorder tick (both cover the time since the previous tick).
/// </summary>
/// <param name="Cpu">Process CPU over the tick as a fraction of the cores (0–1); null when the tick was too short to measure (the
/// CPU time then counts in the next tick).</param>
/// <param name="LagP99Ms">The 99th percentile of the scheduling lag recorded in the tick; null when none was (nothing was sent).</param>
internal readonly record struct GeneratorTick(double? Cpu, double? LagP99Ms);

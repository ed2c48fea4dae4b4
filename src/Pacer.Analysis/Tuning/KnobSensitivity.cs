namespace Pacer.Analysis.Tuning;

/// <summary>How much the objective depends on one knob (<see cref="Tuner.Sensitivity"/>).</summary>
/// <param name="Name">The knob.</param>
/// <param name="Range">The modelled objective's range across the knob's values, the other knobs averaged over (the objective's units).</param>
/// <param name="Share">This knob's share (0–1) of the variance of all knobs' curves: which knob matters most.</param>
/// <param name="Levels">The knob coordinates the curve was evaluated at.</param>
/// <param name="Values">The modelled objective at each of <paramref name="Levels"/> (partial dependence).</param>
public sealed record KnobSensitivity(string Name, double Range, double Share, IReadOnlyList<double> Levels, IReadOnlyList<double> Values);

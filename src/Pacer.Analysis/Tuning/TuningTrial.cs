namespace Pacer.Analysis.Tuning;

/// <summary>
/// One measured setting: its coordinates, the objective as a number to maximise (a quantity to minimise is given negated), and
/// whether it met the SLO. A trial that measured nothing (the service did not start) has no value and is not feasible.
/// </summary>
/// <param name="Point">The coordinates, one per knob, 0 to 1.</param>
/// <param name="Value">The objective, higher is better; null when nothing was measured.</param>
/// <param name="Feasible">Whether every threshold and SLO target held.</param>
public sealed record TuningTrial(IReadOnlyList<double> Point, double? Value, bool Feasible);

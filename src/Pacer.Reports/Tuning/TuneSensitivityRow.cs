namespace Pacer.Reports.Tuning;

/// <summary>How much the objective moves with one knob: its modelled curve over the knob's values, the others averaged over.</summary>
/// <param name="Knob">The knob.</param>
/// <param name="Range">The curve's range, in the objective's unit.</param>
/// <param name="Share">The knob's share of the variance of all curves (0–1).</param>
/// <param name="Values">The knob values the curve was evaluated at.</param>
/// <param name="Objective">The modelled objective at each of <paramref name="Values"/>.</param>
internal sealed record TuneSensitivityRow(string Knob, double Range, double Share, IReadOnlyList<string> Values, IReadOnlyList<double> Objective);

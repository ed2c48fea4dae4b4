namespace Pacer.Analysis.Tuning;

/// <summary>
/// A node of one <see cref="RegressionForest"/> tree: a leaf (no children) with the mean and variance of its measurements, or a
/// split sending a point left when its coordinate <paramref name="Knob"/> is at most <paramref name="Threshold"/>.
/// </summary>
internal sealed record ForestNode(double Mean, double Variance, int Knob, double Threshold, ForestNode? Left, ForestNode? Right);

namespace Pacer.Analysis.Inputs;

/// <summary>Everything read from one input file: one run of one or more quantities.</summary>
/// <param name="Source">The file's path, as given.</param>
/// <param name="Format">What it was read as.</param>
/// <param name="Observations">Its quantities; each (group, metric) at most once.</param>
public sealed record RunData(string Source, InputFormat Format, IReadOnlyList<Observation> Observations);

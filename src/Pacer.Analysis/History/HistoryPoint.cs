namespace Pacer.Analysis.History;

/// <summary>One run's value in a series.</summary>
/// <param name="Run">The run.</param>
/// <param name="Value">The run's value of the series' quantity, in the series' unit.</param>
/// <param name="Distribution">For a latency quantile of a Pacer run: the run's whole latency histogram for that request, encoded
/// as in the result file (microseconds), so a change of shape can be found, not only a change of one number; otherwise null.</param>
public sealed record HistoryPoint(HistoryRun Run, double Value, string? Distribution = null);

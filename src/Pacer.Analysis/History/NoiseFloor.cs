namespace Pacer.Analysis.History;

/// <summary>
/// The run-to-run noise of a series, learnt from repeated runs of one commit: those measured the same code, so whatever spread
/// they show is noise, and a change smaller than it is not worth a report however significant its test.
/// </summary>
internal static class NoiseFloor
{
    /// <summary>
    /// exp(s) − 1, s the pooled standard deviation of the logarithms within each commit measured more than once (degrees of
    /// freedom Σ(nᵢ − 1), at least 2); null when fewer repeats exist or a repeated value is not positive (no ratio then).
    /// </summary>
    public static double? Of(IReadOnlyList<double> values, IReadOnlyList<string?> commits)
    {
        var squares = 0.0;
        var freedom = 0;
        foreach (var group in Enumerable.Range(0, values.Count).Where(i => commits[i] is not null).GroupBy(i => commits[i], StringComparer.Ordinal))
        {
            var members = group.Select(i => values[i]).ToList();
            if (members.Count < 2)
            {
                continue;
            }

            if (members.Any(v => !(v > 0)))
            {
                return null;
            }

            var logs = members.Select(v => Math.Log(v)).ToList();
            var mean = logs.Average();
            squares += logs.Sum(l => (l - mean) * (l - mean));
            freedom += members.Count - 1;
        }

        return freedom < 2 ? null : Math.Exp(Math.Sqrt(squares / freedom)) - 1;
    }
}

namespace Pacer.Analysis.History;

/// <summary>
/// Benjamini &amp; Hochberg's step-up procedure ("Controlling the false discovery rate", JRSS B 57, 1995): across many series
/// checked at once, the expected share of false alarms among the change points reported stays at most the chosen rate.
/// </summary>
internal static class BenjaminiHochberg
{
    /// <summary>
    /// The adjusted p-values (q-values), in input order: sorted ascending, p₍ᵢ₎·m/i, made non-decreasing from the top by a
    /// running minimum and capped at 1. A hypothesis is rejected at rate q exactly when its adjusted value is at most q.
    /// </summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var index = order[rank - 1];
            running = Math.Min(running, pValues[index] * m / rank);
            adjusted[index] = Math.Min(1, running);
        }

        return adjusted;
    }
}

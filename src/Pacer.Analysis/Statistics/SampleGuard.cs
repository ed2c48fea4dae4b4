namespace Pacer.Analysis.Statistics;

/// <summary>Argument checks shared by the estimators, so every one rejects bad input with the same clear message.</summary>
internal static class SampleGuard
{
    /// <summary>Throws unless <paramref name="values"/> holds at least <paramref name="minimumCount"/> finite numbers.</summary>
    public static void RequireFinite(IReadOnlyList<double> values, string name, int minimumCount)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count < minimumCount)
        {
            throw new ArgumentException($"{name} needs at least {minimumCount} value{(minimumCount == 1 ? string.Empty : "s")}; it has {values.Count}.", name);
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {values[i]}; every value must be a finite number.", name);
            }
        }
    }

    /// <summary>
    /// The natural logarithms of <paramref name="values"/>, after checking there are at least <paramref name="minimumCount"/>
    /// of them and all are positive and finite: ratio estimators work on the log scale, where a zero or negative value has no place.
    /// </summary>
    public static double[] Logarithms(IReadOnlyList<double> values, string name, int minimumCount)
    {
        RequireFinite(values, name, minimumCount);
        var logs = new double[values.Count];
        for (var i = 0; i < logs.Length; i++)
        {
            if (values[i] <= 0)
            {
                throw new ArgumentException($"{name}[{i}] is {values[i]}; a ratio is estimated on log values, so every value must be positive.", name);
            }

            logs[i] = Math.Log(values[i]);
        }

        return logs;
    }

    /// <summary>Throws unless <paramref name="confidence"/> is strictly between 0 and 1.</summary>
    public static void RequireConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must be strictly between 0 and 1, e.g. 0.95.");
        }
    }
}

using System.Diagnostics.CodeAnalysis;
using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Flows;

/// <summary>
/// One run's choice of what an iteration runs: a scenario drawn by weight among those whose unique data is not used up, and
/// its next data row. The scenarios are the plan's; the data cursors and the used-up flags are this run's, so a second run
/// of the plan chooses afresh from the first row.
/// </summary>
internal sealed class ScenarioPicker
{
    private readonly IReadOnlyList<ScenarioSpec> scenarios;
    private readonly double[] cumulativeWeights;
    private readonly bool[] exhausted;
    private readonly DataCursor?[] data;

    public ScenarioPicker(IReadOnlyList<ScenarioSpec> scenarios)
    {
        this.scenarios = scenarios;
        exhausted = new bool[scenarios.Count];
        data = [.. scenarios.Select(s => s.Data is { } rows ? new DataCursor(rows) : null)];
        cumulativeWeights = new double[scenarios.Count];
        var sum = 0.0;
        for (var i = 0; i < scenarios.Count; i++)
        {
            sum += scenarios[i].Weight;
            cumulativeWeights[i] = sum;
        }
    }

    /// <summary>The scenario at <paramref name="index"/>, as <see cref="Pick"/> numbers them.</summary>
    public ScenarioSpec this[int index] => scenarios[index];

    /// <summary>A scenario drawn by weight among those not used up; -1 when every one is.</summary>
    public int Pick(Random random)
    {
        for (var attempt = 0; attempt < 4 * scenarios.Count + 4; attempt++)
        {
            var x = random.NextDouble() * cumulativeWeights[^1];
            var i = 0;
            while (i < cumulativeWeights.Length - 1 && x >= cumulativeWeights[i])
            {
                i++;
            }

            if (!Volatile.Read(ref exhausted[i]))
            {
                return i;
            }
        }

        for (var i = 0; i < scenarios.Count; i++)
        {
            if (!Volatile.Read(ref exhausted[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The next data row of scenario <paramref name="index"/> (null when it has no data file); false when its unique rows ran
    /// out, and from then on the scenario is not picked again.
    /// </summary>
    public bool TryTakeRow(int index, out DataRow? row)
    {
        row = null;
        if (data[index] is not { } cursor)
        {
            return true;
        }

        if (cursor.TryNext(out var next))
        {
            row = next;
            return true;
        }

        Volatile.Write(ref exhausted[index], true);
        return false;
    }
}

using System.Globalization;
using System.Text;
using Pacer.Analysis.History;

namespace Pacer.Analysis.Tests.History;

/// <summary>
/// The synthetic evaluation docs/history.md reports: series of 40 runs with a step of known size at run 26 (index 25) under
/// normal noise of known size, and flat series, each checked on its own with a given significance test.
/// </summary>
internal static class DetectionSuite
{
    public const int Runs = 40;
    public const int StepAt = 25;

    /// <summary>How far from the true run a change point may be and still count as finding the step.</summary>
    public const int Tolerance = 3;

    public static readonly double[] Steps = [0.02, 0.05, 0.10, 0.20];
    public static readonly double[] Noises = [0.01, 0.02, 0.05, 0.10];

    public sealed record Cell(double Step, double Noise, int Series, int Detected, double MeanLocationError, int Extra);

    /// <summary>One cell per step and noise, <paramref name="seeds"/> series each.</summary>
    public static List<Cell> Steps_(SignificanceTest test, int seeds)
    {
        var cells = new List<Cell>();
        foreach (var step in Steps)
        {
            foreach (var noise in Noises)
            {
                var detected = 0;
                var extra = 0;
                var errors = new List<int>();
                for (var seed = 1; seed <= seeds; seed++)
                {
                    var series = SyntheticHistory.Series(SyntheticHistory.Values(Runs, noise, step, StepAt, (ulong)((seed * 7919) + (int)(step * 1000) + (int)(noise * 100000))));
                    var found = HistoryCheck.Run([series], new HistoryCheckOptions { Test = test }).ChangePoints;
                    var nearest = found.Select(c => Math.Abs(c.Index - StepAt)).DefaultIfEmpty(int.MaxValue).Min();
                    if (nearest <= Tolerance)
                    {
                        detected++;
                        errors.Add(nearest);
                        extra += found.Count - 1;
                    }
                    else
                    {
                        extra += found.Count;
                    }
                }

                cells.Add(new Cell(step, noise, seeds, detected, errors.Count == 0 ? double.NaN : errors.Average(), extra));
            }
        }

        return cells;
    }

    /// <summary>How many of <paramref name="series"/> flat noisy series (noise 1–10%, in turn) get any change point.</summary>
    public static int FalseAlarms(SignificanceTest test, int series)
    {
        var alarms = 0;
        for (var seed = 1; seed <= series; seed++)
        {
            var noise = Noises[seed % Noises.Length];
            var flat = SyntheticHistory.Series(SyntheticHistory.Values(Runs, noise, 0, 0, (ulong)(1_000_000 + seed)));
            alarms += HistoryCheck.Run([flat], new HistoryCheckOptions { Test = test }).ChangePoints.Count > 0 ? 1 : 0;
        }

        return alarms;
    }

    /// <summary>The Markdown table of both tests side by side: detection rate and mean location error per step and noise.</summary>
    public static string Table(List<Cell> permutation, List<Cell> tTest, (int Alarms, int Series) permutationFlat, (int Alarms, int Series) tTestFlat)
    {
        static string Rate(Cell c) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * c.Detected / c.Series:0}%");
        static string Error(Cell c) => double.IsNaN(c.MeanLocationError) ? "–" : c.MeanLocationError.ToString("0.00", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append("| step | noise | permutation: found | location error | extra | t-test: found | location error | extra |\n");
        text.Append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var i = 0; i < permutation.Count; i++)
        {
            var p = permutation[i];
            var t = tTest[i];
            text.Append(CultureInfo.InvariantCulture, $"| {p.Step:0%} | {p.Noise:0%} | {Rate(p)} | {Error(p)} | {p.Extra} | {Rate(t)} | {Error(t)} | {t.Extra} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"| flat | 1–10% | **{permutationFlat.Alarms} of {permutationFlat.Series} series with a false alarm ({100.0 * permutationFlat.Alarms / permutationFlat.Series:0.0}%)** | | | **{tTestFlat.Alarms} of {tTestFlat.Series} ({100.0 * tTestFlat.Alarms / tTestFlat.Series:0.0}%)** | | |\n");
        return text.ToString();
    }
}

using Pacer.Analysis.History;

namespace Pacer.Analysis.Tests.History;

public sealed class DetectionSuiteTests
{
    private const int SeedsPerCell = 20;
    private const int FlatSeries = 500;

    /// <summary>
    /// Runs the synthetic evaluation for both significance tests and holds the permutation test (the default) to it: a step at
    /// least 4 times the noise is found in at least 90% of series within 3 runs, its location off by at most 1 run on average,
    /// and fewer than 1% of flat series raise a false alarm. With PACER_DETECTION_TABLE set to a file, writes the Markdown table
    /// docs/history.md shows there (bench/history-detection.sh does that).
    /// </summary>
    [Fact]
    public void SyntheticSteps_FoundWhereTheyBegan_FlatSeriesRarelyAlarm()
    {
        var permutation = DetectionSuite.Steps_(SignificanceTest.Permutation, SeedsPerCell);
        var tTest = DetectionSuite.Steps_(SignificanceTest.TTest, SeedsPerCell);
        var permutationFlat = DetectionSuite.FalseAlarms(SignificanceTest.Permutation, FlatSeries);
        var tTestFlat = DetectionSuite.FalseAlarms(SignificanceTest.TTest, FlatSeries);

        if (Environment.GetEnvironmentVariable("PACER_DETECTION_TABLE") is { Length: > 0 } path)
        {
            File.WriteAllText(path, DetectionSuite.Table(permutation, tTest, (permutationFlat, FlatSeries), (tTestFlat, FlatSeries)));
        }

        foreach (var cell in permutation.Where(c => c.Step >= 4 * c.Noise))
        {
            Assert.True(cell.Detected >= 0.9 * cell.Series, $"step {cell.Step:P0} under noise {cell.Noise:P0}: {cell.Detected} of {cell.Series}");
            Assert.True(cell.MeanLocationError <= 1, $"step {cell.Step:P0} under noise {cell.Noise:P0}: off by {cell.MeanLocationError} runs");
        }

        Assert.True(permutationFlat < FlatSeries / 100, $"{permutationFlat} of {FlatSeries} flat series alarmed");
    }
}

using Pacer.Analysis.Tuning;

namespace Pacer.Analysis.Tests.Tuning;

public sealed class RegressionForestTests
{
    [Fact]
    public void Predict_IsolatesOneValueOfAnUnorderedKnob_WhereTheGaussianProcessSmoothsItAway()
    {
        // Five listed values, each measured twice; the best (the middle one) sits between two of the worst.
        double[] effect = [5, 1, 9, 1, 5];
        var x = new List<IReadOnlyList<double>>();
        var y = new List<double>();
        for (var level = 0; level < 5; level++)
        {
            x.Add([level / 4.0]);
            x.Add([level / 4.0]);
            y.Add(effect[level] + 0.1);
            y.Add(effect[level] - 0.1);
        }

        var forest = RegressionForest.Fit(x, y, 1);
        var means = Enumerable.Range(0, 5).Select(level => forest.Predict([level / 4.0]).Mean).ToArray();
        Assert.Equal(2, Array.IndexOf(means, means.Max()));
        Assert.InRange(means[2], 8.5, 9.5);
        Assert.InRange(means[1], 0.5, 1.5);
    }

    [Fact]
    public void Variance_IsSmallAtAMeasuredSetting_AndLargeBetweenDistantOnes()
    {
        // Measurements at the ends and at 0.5 of a slope: halfway between two of them the trees' random thresholds disagree.
        IReadOnlyList<double>[] x = [[0.0], [0.05], [0.5], [0.95], [1.0]];
        double[] y = [0, 0.5, 5, 9.5, 10];
        var forest = RegressionForest.Fit(x, y, 3);
        var atMeasured = forest.Predict([0.5]);
        var between = forest.Predict([0.27]);
        Assert.InRange(atMeasured.Mean, 4.9, 5.1);
        Assert.True(between.Variance > 100 * (atMeasured.Variance + 1e-6), $"variance between {between.Variance}, at a measurement {atMeasured.Variance}");
        Assert.InRange(between.Mean, 0.5, 5);
    }

    [Fact]
    public void Fit_IsAFunctionOfTheDataAndTheSeed()
    {
        IReadOnlyList<double>[] x = [[0.1, 0.9], [0.4, 0.2], [0.8, 0.5], [0.3, 0.3], [0.6, 0.7]];
        double[] y = [1, 4, 2, 3, 5];
        var point = new[] { 0.5, 0.5 };
        Assert.Equal(RegressionForest.Fit(x, y, 7).Predict(point), RegressionForest.Fit(x, y, 7).Predict(point));
        Assert.NotEqual(RegressionForest.Fit(x, y, 7).Predict(point), RegressionForest.Fit(x, y, 8).Predict(point));
        Assert.Throws<ArgumentException>(() => RegressionForest.Fit(x, [1, 2], 7));
    }
}

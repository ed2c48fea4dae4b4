using Pacer.Analysis.Tuning;
using Xunit.Abstractions;

namespace Pacer.Analysis.Tests.Tuning;

/// <summary>
/// The Gaussian-process search against random search on standard noisy test functions (<see cref="SearchComparison"/>): it
/// should beat random search on every one. The figures in docs/tuning.md (the model section) are this test's output and
/// <see cref="ForestComparisonTests"/>'s.
/// </summary>
public sealed class TunerComparisonTests(ITestOutputHelper output)
{
    public static TheoryData<string> Functions => [.. TestFunction.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Functions))]
    public void BayesianSearch_FindsTheOptimumMoreOftenThanRandomSearch(string name)
    {
        var function = TestFunction.All.Single(f => f.Name == name);
        var model = SearchComparison.Run(function, TuningMethod.Bayesian);
        var random = SearchComparison.Random(function);
        output.WriteLine($"{function.Name}: budget {function.Budget}, found in {model.Found}/{function.Seeds} (Bayesian, median regret {model.MedianRegret:0.###}) vs {random.Found}/{function.Seeds} (random, median regret {random.MedianRegret:0.###})");
        Assert.True(model.Found > random.Found, $"{function.Name}: the Gaussian process found it {model.Found} times, random {random.Found}, of {function.Seeds}");
    }
}

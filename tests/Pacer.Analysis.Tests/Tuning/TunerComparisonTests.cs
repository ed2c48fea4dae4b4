using Pacer.Analysis.Tuning;
using Xunit.Abstractions;

namespace Pacer.Analysis.Tests.Tuning;

/// <summary>
/// The search against random search on standard noisy test functions, seeded: how often each finds the optimum (within the
/// function's tolerance) in the function's budget. Both recommend by the same rule (<see cref="Tuner.Recommend"/>), so only the
/// choice of settings differs. The figures in docs/tuning.md are this test's output.
/// </summary>
public sealed class TunerComparisonTests(ITestOutputHelper output)
{

    public static TheoryData<string> Functions => [.. TestFunction.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Functions))]
    public void BayesianSearch_FindsTheOptimumMoreOftenThanRandomSearch(string name)
    {
        var function = TestFunction.All.Single(f => f.Name == name);
        // One knob is cheap to model, so more seeds there; the 3- and 6-knob functions keep the test near 20 s.
        var seeds = function.Space.Dimensions.Count == 1 ? 40 : 12;
        var bayesian = Successes(function, TuningMethod.Bayesian, seeds);
        var random = Successes(function, TuningMethod.Random, seeds);
        output.WriteLine($"{function.Name}: budget {function.Budget}, found in {bayesian.Found}/{seeds} (Bayesian, median regret {bayesian.MedianRegret:0.###}) vs {random.Found}/{seeds} (random, median regret {random.MedianRegret:0.###})");
        Assert.True(bayesian.Found > random.Found, $"{function.Name}: Bayesian found it {bayesian.Found} times, random {random.Found}, of {seeds}");
    }

    private static (int Found, double MedianRegret) Successes(TestFunction function, TuningMethod method, int seeds)
    {
        var found = 0;
        var regrets = new List<double>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            var options = new TunerOptions { Budget = function.Budget, Seed = (ulong)seed, Method = method };
            var noise = new Random(1000 + seed);
            var trials = new List<TuningTrial>();
            for (var i = 0; i < function.Budget; i++)
            {
                var point = Tuner.Next(function.Space, trials, options);
                trials.Add(new TuningTrial(point, function.Measure(point, noise), true));
            }

            var chosen = trials[Tuner.Recommend(function.Space, trials, (ulong)seed)].Point.ToArray();
            found += function.Found(chosen) ? 1 : 0;
            regrets.Add(function.Optimum - function.Truth(chosen));
        }

        regrets.Sort();
        return (found, regrets[regrets.Count / 2]);
    }
}

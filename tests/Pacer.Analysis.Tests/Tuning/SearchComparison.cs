using System.Collections.Concurrent;
using Pacer.Analysis.Tuning;

namespace Pacer.Analysis.Tests.Tuning;

/// <summary>
/// Runs one search method on a test function for each of its seeds, with the same budget and the same noise draws for every
/// method, and counts how often the recommendation (<see cref="Tuner.Recommend"/>, the same rule for all) is within the
/// function's tolerance of the optimum. Random search is the baseline of every comparison, so it is run once per function.
/// </summary>
internal static class SearchComparison
{
    private static readonly ConcurrentDictionary<string, Lazy<(int Found, double MedianRegret)>> RandomBaselines = new(StringComparer.Ordinal);

    public static (int Found, double MedianRegret) Random(TestFunction function) =>
        RandomBaselines.GetOrAdd(function.Name, _ => new Lazy<(int, double)>(() => Run(function, TuningMethod.Random))).Value;

    public static (int Found, double MedianRegret) Run(TestFunction function, TuningMethod method)
    {
        var found = 0;
        var regrets = new List<double>();
        for (var seed = 1; seed <= function.Seeds; seed++)
        {
            var options = new TunerOptions { Budget = function.Budget, Seed = (ulong)seed, Method = method };
            var noise = new System.Random(1000 + seed);
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

using Pacer.Analysis.Capacity;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Capacity;

/// <summary>
/// A service with a known ceiling, as a step runner: a step holds when its load, shaken by deterministic noise of up to
/// ±<c>noise</c>, stays under the ceiling. Latency follows an M/M/1 queue below the ceiling, so the steps look like a real one's.
/// </summary>
internal sealed class SimulatedService(double ceiling, double noise = 0, ulong seed = 1, bool generatorLimitedAbove = false, double generatorLimit = double.MaxValue) : ICapacityStepRunner
{
    private readonly SplitMix64 random = new(seed);

    public List<double> Levels { get; } = [];

    public Task<CapacityStep> RunStepAsync(double level, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Levels.Add(level);
        var shaken = level * (1 + noise * ((random.NextBits() >> 11) * (1.0 / (1UL << 53)) * 2 - 1));
        var generatorLimited = generatorLimitedAbove && level > generatorLimit;
        var held = shaken <= ceiling && !generatorLimited;
        var achieved = Math.Min(level, ceiling);
        var serviceMs = 1000.0 / ceiling;
        var utilisation = Math.Min(achieved / ceiling, 0.99);
        var mean = serviceMs / (1 - utilisation);
        return Task.FromResult(new CapacityStep(level, achieved, mean * 0.7, mean * 3, mean * 4.6, mean, (long)(achieved * 3), 0, held ? [] : ["p(95)<50ms: over"])
        {
            Seconds = 3,
            Steady = held,
            GeneratorLimited = generatorLimited,
        });
    }
}

namespace Pacer.Analysis.Tuning;

/// <summary>The budget and seed of a tuning run.</summary>
public sealed record TunerOptions
{
    /// <summary>How many trials in all (each a restart of the service and a measurement).</summary>
    public int Budget { get; init; } = 20;

    /// <summary>The seed: the same seed and the same measurements give the same settings, which is what makes <c>--resume</c> exact.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The search method.</summary>
    public TuningMethod Method { get; init; } = TuningMethod.Auto;

    /// <summary>Space-filling trials before the model is used; null picks max(4, 2·knobs), at most a third of the budget (but at least 3).</summary>
    public int? InitialTrials { get; init; }

    /// <summary>The initial trials for <paramref name="knobs"/> knobs.</summary>
    public int InitialFor(int knobs) => InitialTrials ?? Math.Max(3, Math.Min(Math.Max(4, 2 * knobs), Budget / 3));
}

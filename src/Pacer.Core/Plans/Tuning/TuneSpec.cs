namespace Pacer.Core.Plans.Tuning;

/// <summary>
/// A tune file (<c>pacer tune TUNE.yaml</c>, docs/tuning.md), read and checked by <see cref="TuneFile"/>: the service and how
/// to start it, the knobs and how they reach it, the plan each trial runs, the objective, the constraint, the budget and the
/// confirmation.
/// </summary>
public sealed record TuneSpec
{
    /// <summary>The tuning's name (the file's name when not given).</summary>
    public required string Name { get; init; }

    /// <summary>The tune file's path as given.</summary>
    public required string Path { get; init; }

    /// <summary>The service section, the keys of a plan's <c>watch:</c> section; its command and env values may hold placeholders.</summary>
    public required WatchSpec Service { get; init; }

    /// <summary>The ready URL as written (it may hold placeholders), or null: ready when the service listens.</summary>
    public string? ReadyTemplate { get; init; }

    /// <summary>The port <c>{port}</c> stands for, or null: a free port chosen before each start.</summary>
    public int? Port { get; init; }

    /// <summary>The plan every trial runs, as a full path.</summary>
    public required string PlanPath { get; init; }

    /// <summary>The target URL the plan is pointed at (it may hold placeholders), or null to keep the plan's.</summary>
    public string? TargetTemplate { get; init; }

    /// <summary>How long each trial's plan runs (the plan scaled to it), or null for the plan's own length.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>SLO files (full paths) judged beside the plan's thresholds: a trial that breaks one is infeasible.</summary>
    public IReadOnlyList<string> SloPaths { get; init; } = [];

    /// <summary>The knobs, in the file's order.</summary>
    public required IReadOnlyList<TuneKnob> Knobs { get; init; }

    /// <summary>A config file written before each start, or null.</summary>
    public TuneConfigFile? Config { get; init; }

    /// <summary>What is optimised.</summary>
    public TuneObjective Objective { get; init; } = TuneObjective.Throughput;

    /// <summary>The capacity search of <see cref="TuneObjective.Capacity"/>, or null for the other objectives.</summary>
    public TuneCapacity? Capacity { get; init; }

    /// <summary>How settings are chosen.</summary>
    public TuneSearch Search { get; init; } = TuneSearch.Auto;

    /// <summary>How many trials (restarts and measurements) the search may use.</summary>
    public int Trials { get; init; } = 20;

    /// <summary>The search's seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Early stopping of clearly worse trials, or null for none.</summary>
    public TunePrune? Prune { get; init; }

    /// <summary>Runs a side for confirming the winner against the default settings (0: no confirmation).</summary>
    public int ConfirmRuns { get; init; } = 3;

    /// <summary>The knobs' values as a placeholder table: every knob at its default (null when a knob has none).</summary>
    public IReadOnlyDictionary<string, string>? Defaults() =>
        Knobs.All(k => k.Default is not null) ? Knobs.ToDictionary(k => k.Name, k => k.Default!, StringComparer.Ordinal) : null;
}

using Pacer.Core.Results;

namespace Pacer.Cli.Tuning;

/// <summary>What one trial measured: the objective (null when nothing was), whether the SLO held, and the figures behind it.</summary>
internal sealed record TrialMeasurement(double? Value, bool Feasible)
{
    public bool Pruned { get; init; }

    public string? Problem { get; init; }

    public IReadOnlyList<string> Breaches { get; init; } = [];

    public double? Rps { get; init; }

    public double? P99 { get; init; }

    public double? CpuMsPerRequest { get; init; }

    /// <summary>The run's result (the last step's for a capacity search), or null when the service did not start.</summary>
    public RunResult? Result { get; init; }

    /// <summary>Whether Ctrl-C cut the trial short: it is not recorded.</summary>
    public bool Interrupted { get; init; }
}

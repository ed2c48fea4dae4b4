namespace Pacer.Reports.Tuning;

/// <summary>One trial of <c>pacer tune</c> as the report, the trials file and the page show it.</summary>
internal sealed record TuneTrialRecord
{
    /// <summary>The trial's number, from 1, in the order run (search trials first, then the confirmation's).</summary>
    public required int Number { get; init; }

    /// <summary><c>search</c>, or <c>default</c> / <c>best</c> for the confirmation's runs.</summary>
    public required string Phase { get; init; }

    /// <summary>The knobs' values.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>The search's coordinates of the settings (0–1 a knob), what <c>--resume</c> hands back to the search.</summary>
    public required IReadOnlyList<double> Point { get; init; }

    /// <summary>The objective as measured, in its own unit; null when nothing was measured.</summary>
    public double? Value { get; init; }

    /// <summary>Whether every threshold and SLO target held.</summary>
    public bool Feasible { get; init; }

    /// <summary>Whether it was stopped early as clearly worse than the best so far.</summary>
    public bool Pruned { get; init; }

    /// <summary>What went wrong or was given up: the service did not start, the run was aborted.</summary>
    public string? Problem { get; init; }

    /// <summary>The thresholds and SLO targets that failed.</summary>
    public IReadOnlyList<string> Breaches { get; init; } = [];

    /// <summary>Requests a second achieved.</summary>
    public double? Rps { get; init; }

    /// <summary>99th percentile latency, ms.</summary>
    public double? P99 { get; init; }

    /// <summary>The service's CPU per request, ms (when it was watched).</summary>
    public double? CpuMsPerRequest { get; init; }

    /// <summary>How long the trial took, restart included, seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>The result file of a confirmation run (a pacer.run/v1 file <c>pacer compare</c> reads), or null.</summary>
    public string? ResultFile { get; init; }
}

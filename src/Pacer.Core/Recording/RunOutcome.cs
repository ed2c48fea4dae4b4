namespace Pacer.Core.Recording;

/// <summary>What the engine hands to the result builder.</summary>
/// <param name="Totals">Everything recorded.</param>
/// <param name="StartedUtc">Wall-clock start of load.</param>
/// <param name="EndedUtc">Wall-clock end of the run.</param>
/// <param name="Elapsed">Monotonic duration of the run.</param>
/// <param name="AbortReason">Why it stopped early, or null.</param>
/// <param name="Interrupted">True when a user interrupted it.</param>
/// <param name="Abandoned">Requests still in flight when the grace period ran out.</param>
/// <param name="Generator">Whether Pacer itself kept up.</param>
internal sealed record RunOutcome(
    RecorderTotals Totals,
    DateTimeOffset StartedUtc,
    DateTimeOffset EndedUtc,
    TimeSpan Elapsed,
    string? AbortReason,
    bool Interrupted,
    long Abandoned,
    GeneratorVerdict Generator)
{
    /// <summary>Check results of a scenario plan (empty otherwise).</summary>
    public CheckTally Checks { get; init; } = new([]);

    /// <summary>Scenario iterations started (scenario plans); null for a request mix, where an iteration is a request.</summary>
    public long? Iterations { get; init; }

    /// <summary>
    /// The load period: from the schedule's start to the end of the last stage, or to an early stop. Rates are over it; the
    /// rest of <see cref="Elapsed"/> is the drain (graceful stop).
    /// </summary>
    public TimeSpan LoadPeriod { get; init; }
    /// <summary>Connections the transport opened (warm-up included); null when it cannot count them.</summary>
    public long? ConnectionsOpened { get; init; }

    /// <summary>Connections closed for bytes no request asked for (see <see cref="Transport.IConnectionCount.ConnectionsWithStrayBytes"/>); null when the transport cannot see them.</summary>
    public long? ConnectionsWithStrayBytes { get; init; }

    /// <summary>The grace in-flight requests were given when load stopped (the interrupt grace after Ctrl-C); null when none was needed.</summary>
    public TimeSpan? Grace { get; init; }

    /// <summary>True when a second Ctrl-C abandoned the requests in flight at once, without waiting for the grace.</summary>
    public bool CutShort { get; init; }

    /// <summary>An internal error that aborted the run (its reason is also <see cref="AbortReason"/>); the CLI exits 1 after writing the partial result.</summary>
    public string? Fault { get; init; }

    /// <summary>Failures in the users' scripts, one entry per step and kind.</summary>
    public IReadOnlyList<Recording.ScriptErrorSummary> ScriptErrors { get; init; } = [];

    /// <summary>
    /// The generator's health per tick, one entry per recorder tick in the same order (<see cref="RecorderTotals.Intervals"/>);
    /// empty when not measured.
    /// </summary>
    public IReadOnlyList<GeneratorTick> GeneratorTicks { get; init; } = [];

    /// <summary>Scenarios that stopped because their unique data ran out (the end of the data, not an error).</summary>
    public IReadOnlyList<string> DataExhausted { get; init; } = [];
}

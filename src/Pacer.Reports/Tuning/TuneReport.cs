namespace Pacer.Reports.Tuning;

/// <summary>
/// What <c>pacer tune</c> found (schema <c>pacer.tune/v1</c>, docs/tuning.md#output): every trial, the best settings with their
/// evidence, the sensitivity of the objective to each knob, and the confirmation against the defaults. Written after every
/// trial, so it is also what <c>--resume</c> reads back.
/// </summary>
internal sealed record TuneReport
{
    /// <summary>The schema name and version.</summary>
    public const string SchemaV1 = "pacer.tune/v1";

    /// <summary>Always <see cref="SchemaV1"/>.</summary>
    public string Schema { get; init; } = SchemaV1;

    /// <summary>The tuning's name.</summary>
    public required string Name { get; init; }

    /// <summary>The tune file.</summary>
    public required string TuneFile { get; init; }

    /// <summary>The tune file's SHA-256: <c>--resume</c> refuses trials of another file.</summary>
    public required string TuneFileSha256 { get; init; }

    /// <summary><c>throughput</c>, <c>capacity</c>, <c>p99</c> or <c>cpu_per_request</c>.</summary>
    public required string Objective { get; init; }

    /// <summary>The objective's unit.</summary>
    public required string Unit { get; init; }

    /// <summary>Whether a higher objective is better.</summary>
    public required bool HigherIsBetter { get; init; }

    /// <summary>The search method used.</summary>
    public required string Method { get; init; }

    /// <summary>The search's trials budget.</summary>
    public required int Budget { get; init; }

    /// <summary>The search's seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The knobs' names, in order.</summary>
    public required IReadOnlyList<string> Knobs { get; init; }

    /// <summary>When the tuning began.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>When this report was written.</summary>
    public DateTimeOffset WrittenUtc { get; init; }

    /// <summary><c>running</c>, <c>done</c>, <c>interrupted</c>, <c>no feasible setting</c>.</summary>
    public string Status { get; init; } = "running";

    /// <summary>Every trial, search and confirmation, in the order run.</summary>
    public IReadOnlyList<TuneTrialRecord> Trials { get; init; } = [];

    /// <summary>The number of the recommended trial, or null.</summary>
    public int? Best { get; init; }

    /// <summary>The recommended settings, or null.</summary>
    public IReadOnlyDictionary<string, string>? BestSettings { get; init; }

    /// <summary>The model's estimate of the objective at the recommended settings.</summary>
    public double? BestModelled { get; init; }

    /// <summary>The default settings (the tune file's <c>default:</c>s), or null.</summary>
    public IReadOnlyDictionary<string, string>? DefaultSettings { get; init; }

    /// <summary>The objective's sensitivity to each knob.</summary>
    public IReadOnlyList<TuneSensitivityRow> Sensitivity { get; init; } = [];

    /// <summary>The confirmation against the defaults, or null when not run.</summary>
    public TuneConfirmation? Confirmation { get; init; }

    /// <summary>What the reader should know: noise, pruned trials, a confirmation that did not confirm.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

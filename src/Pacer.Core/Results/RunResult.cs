using System.Text.Json.Serialization;
using Pacer.Core.Recording;

namespace Pacer.Core.Results;

/// <summary>
/// Everything one run produced, as one immutable object; serialised as <c>pacer.run/v1</c> (docs/results-schema.md).
/// Reports, compare and merge are pure functions of one or more of these.
/// </summary>
public sealed record RunResult
{
    /// <summary>The schema identifier written into every result file.</summary>
    public const string SchemaV1 = "pacer.run/v1";

    /// <summary>Always <see cref="SchemaV1"/> for files this version writes.</summary>
    public string Schema { get; init; } = SchemaV1;

    /// <summary>Unique id of the run (a GUID without dashes).</summary>
    public required string RunId { get; init; }

    /// <summary>When load started.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>When the last request finished or was abandoned.</summary>
    public required DateTimeOffset EndedUtc { get; init; }

    /// <summary>Seconds between the start of load and the end of the run (the drain included).</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>
    /// Seconds of the load period: from the schedule's start (the first intended start) to the end of the last stage, or to
    /// an early stop (abort, request bound, data used up). Every rate is over this period. Absent in files from before it existed.
    /// </summary>
    public double? LoadSeconds { get; init; }

    /// <summary>The drain after the load period (graceful stop): how long it lasted and what completed in it. Absent in older files.</summary>
    public DrainInfo? Drain { get; init; }

    /// <summary>True when the run stopped before its plan ended (Ctrl-C, or an abortOnFail threshold).</summary>
    public bool Aborted { get; init; }

    /// <summary>Why the run was aborted; null when it was not.</summary>
    public string? AbortReason { get; init; }

    /// <summary>
    /// True when every threshold and every SLO objective passed (and there were any, or none were declared) and the run is not void for a reason of its
    /// own (<see cref="NotPassedReason"/>).
    /// </summary>
    public required bool Passed { get; init; }

    /// <summary>
    /// Why the run did not pass apart from its thresholds: requests were sent and none got a response. Null otherwise, and in
    /// files from before it existed.
    /// </summary>
    public string? NotPassedReason { get; init; }

    /// <summary>The plan that drove the run.</summary>
    public required PlanInfo Plan { get; init; }

    /// <summary>Where the run happened.</summary>
    public required EnvironmentInfo Environment { get; init; }

    /// <summary>Totals per metric, keyed by k6 metric name (http_reqs, http_req_duration …).</summary>
    public required IReadOnlyDictionary<string, MetricResult> Metrics { get; init; }

    /// <summary>Breakdown per request name, in plan order.</summary>
    public required IReadOnlyList<RequestResult> Requests { get; init; }

    /// <summary>Breakdown per HTTP status (0 = no response), ascending.</summary>
    public required IReadOnlyList<StatusResult> Statuses { get; init; }

    /// <summary>Failures by kind, most frequent first.</summary>
    public required IReadOnlyList<ErrorResult> Errors { get; init; }

    /// <summary>One entry per second of the run.</summary>
    public required IReadOnlyList<IntervalResult> Series { get; init; }

    /// <summary>Every threshold's verdict, in plan order.</summary>
    public required IReadOnlyList<ThresholdResult> Thresholds { get; init; }

    /// <summary>Checks of a scenario plan, per name, in plan order (empty for a request mix).</summary>
    // Absent from older files: the generated deserializer sets a missing init property to null, read as empty; an explicit
    // null is refused as it is read (PresentNotNullConverter).
    [JsonConverter(typeof(PresentNotNullConverter<IReadOnlyList<CheckResult>>))]
    public IReadOnlyList<CheckResult> Checks { get; init => field = value ?? []; } = [];

    /// <summary>Scenario group durations (first step's intended start to last step's end), per group name.</summary>
    // Absent from older files: the generated deserializer sets a missing init property to null, read as empty; an explicit
    // null is refused as it is read (PresentNotNullConverter).
    [JsonConverter(typeof(PresentNotNullConverter<IReadOnlyList<GroupResult>>))]
    public IReadOnlyList<GroupResult> Groups { get; init => field = value ?? []; } = [];

    /// <summary>Failures in the users' scripts (a variable never set, a body that was not JSON …), one entry per step and kind.</summary>
    // Absent from older files: the generated deserializer sets a missing init property to null, read as empty; an explicit
    // null is refused as it is read (PresentNotNullConverter).
    [JsonConverter(typeof(PresentNotNullConverter<IReadOnlyList<Recording.ScriptErrorSummary>>))]
    public IReadOnlyList<Recording.ScriptErrorSummary> ScriptErrors { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Scenarios that stopped before the plan's end because their unique data ran out (every row of the data file used once,
    /// <c>order: unique</c>): the end of the data, not an error. Empty when none did (and in files from before it was recorded).
    /// </summary>
    // Absent from older files: the generated deserializer sets a missing init property to null, read as empty; an explicit
    // null is refused as it is read (PresentNotNullConverter).
    [JsonConverter(typeof(PresentNotNullConverter<IReadOnlyList<string>>))]
    public IReadOnlyList<string> DataExhausted { get; init => field = value ?? []; } = [];

    /// <summary>Whether Pacer itself kept up: scheduling lag and CPU, and the saturation verdict. Absent in files from before it existed.</summary>
    public GeneratorInfo? Generator { get; init; }

    /// <summary>What the run saw of the service under load (<c>watch:</c>, <c>--watch-*</c>); null when nothing was watched.</summary>
    public TargetResult? Target { get; init; }

    /// <summary>The plan's <c>slo:</c> objectives with their error budgets; null when the plan has none.</summary>
    public IReadOnlyList<SloResult>? Slo { get; init; }

    /// <summary>Targets of SLO files (<c>--slo</c>) a load test cannot judge, each with why; null when there were none.</summary>
    public IReadOnlyList<NotJudgedResult>? NotJudged { get; init; }

    /// <summary>Things the reader must know to trust the numbers (dropped arrivals, errors, generator saturation …).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}

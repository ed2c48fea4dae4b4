using System.Text.Json.Serialization;

namespace Pacer.Core.Results;

/// <summary>The plan as run: identity, digest and full text, so a result can always be traced to exactly what produced it.</summary>
/// <param name="Name">The plan's name.</param>
/// <param name="Path">The file it came from, or <c>&lt;command line&gt;</c>.</param>
/// <param name="Digest"><c>sha256:</c> and the hex SHA-256 of <paramref name="Source"/>.</param>
/// <param name="Source">The plan text (YAML).</param>
/// <param name="Target">Base URL.</param>
/// <param name="Model"><c>open</c> or <c>closed</c>; <c>mixed</c> when a plan's scenarios run under different models.</param>
/// <param name="PlannedDurationSeconds">Sum of the stage durations.</param>
/// <param name="Stages">The stages: start target then each stage's duration and target.</param>
public sealed record PlanInfo(
    string Name,
    string Path,
    string Digest,
    string Source,
    string Target,
    string Model,
    double PlannedDurationSeconds,
    IReadOnlyList<StageInfo> Stages)
{
    /// <summary>Each scenario's load model (its own load's, or the plan's), by scenario name; empty for a request mix.</summary>
    // Absent from older files: the generated deserializer sets a missing init property to null, read as empty; an explicit
    // null is refused as it is read (PresentNotNullConverter).
    [JsonConverter(typeof(PresentNotNullConverter<IReadOnlyDictionary<string, string>>))]
    public IReadOnlyDictionary<string, string> ScenarioModels { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();

    /// <summary>
    /// The bound on requests the run had (the plan's <c>max_requests</c>, or <c>--max-requests</c>), so a run that stopped at it
    /// can say so; null when there was none (and in files from before it was recorded).
    /// </summary>
    public long? MaxRequests { get; init; }
}

/// <summary>One planned stage, for charts that overlay the plan on what happened.</summary>
/// <param name="StartSeconds">Offset from the start of the run.</param>
/// <param name="DurationSeconds">Length of the stage.</param>
/// <param name="From">Target at the start of the stage.</param>
/// <param name="To">Target at its end.</param>
public sealed record StageInfo(double StartSeconds, double DurationSeconds, double From, double To);

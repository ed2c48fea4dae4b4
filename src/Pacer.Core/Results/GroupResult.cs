using System.Text.Json.Serialization;

namespace Pacer.Core.Results;

/// <summary>One scenario group over the run: its own duration (first step's intended start to last step's end), and its
/// request steps taken together — latency from their intended starts, service time, queue time, failures by kind.</summary>
/// <param name="Name">The group's name (the <c>group</c> tag).</param>
/// <param name="Duration">How long one pass through the group took, in milliseconds.</param>
public sealed record GroupResult(string Name, DurationStats Duration)
{
    /// <summary>Requests sent by the group's steps.</summary>
    public long Requests { get; init; }

    /// <summary>Of <see cref="Requests"/>, how many failed (any <c>error_kind</c>).</summary>
    public long Failures { get; init; }

    /// <summary>The steps' latency from their intended starts, in milliseconds. Absent in files from before it existed.</summary>
    public DurationStats? StepLatency { get; init; }

    /// <summary>The steps' service time (actual send to end), in milliseconds. Absent in files from before it existed.</summary>
    public DurationStats? ServiceTime { get; init; }

    /// <summary>The steps' queue time (intended start to actual send), in milliseconds. Absent in files from before it existed.</summary>
    public DurationStats? QueueTime { get; init; }

    /// <summary>The steps' failures by kind (<c>refused</c>, <c>http_5xx</c> …).</summary>
    // Absent from older files: the generated deserializer sets a missing init property to null, read as empty; an explicit
    // null is refused as it is read (PresentNotNullConverter).
    [JsonConverter(typeof(PresentNotNullConverter<IReadOnlyDictionary<string, long>>))]
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init => field = value ?? new Dictionary<string, long>(); } = new Dictionary<string, long>();
}

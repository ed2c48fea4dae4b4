using System.Text.Json.Serialization;

namespace Pacer.Core.Results;

/// <summary>Totals for one request name.</summary>
/// <param name="Name">The request's reporting name (the <c>name</c> tag).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Url">Absolute URL.</param>
/// <param name="Requests">Requests completed (success or failure).</param>
/// <param name="Rate">Requests per second over the run.</param>
/// <param name="Failures">Requests that failed (any <c>error_kind</c>).</param>
/// <param name="ErrorRate">Failures / Requests (0 when there were none).</param>
/// <param name="DataSent">Bytes sent.</param>
/// <param name="DataReceived">Bytes received.</param>
/// <param name="Duration">Latency from the intended start (what a user felt).</param>
/// <param name="ServiceTime">From the actual send to the end.</param>
/// <param name="QueueTime">From the intended start to the actual send.</param>
public sealed record RequestResult(
    string Name,
    string Method,
    string Url,
    long Requests,
    double Rate,
    long Failures,
    double ErrorRate,
    long DataSent,
    long DataReceived,
    DurationStats Duration,
    DurationStats ServiceTime,
    DurationStats QueueTime)
{
    /// <summary>Failures of this name by kind (<c>refused</c>, <c>http_5xx</c> …).</summary>
    // Absent from older files: the generated deserializer sets a missing init property to null, read as empty; an explicit
    // null is refused as it is read (PresentNotNullConverter).
    [JsonConverter(typeof(PresentNotNullConverter<IReadOnlyDictionary<string, long>>))]
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init => field = value ?? new Dictionary<string, long>(); } = new Dictionary<string, long>();

    /// <summary>
    /// Latency of this name's expected responses only (k6's <c>{expected_response:true}</c>). Written when some of its requests
    /// failed (otherwise it is <see cref="Duration"/>); absent in older files.
    /// </summary>
    public DurationStats? ExpectedDuration { get; init; }

    /// <summary>
    /// Latency of this name's failed requests only (<c>{expected_response:false}</c>). Written when some of its requests failed
    /// (otherwise there is none); absent in older files.
    /// </summary>
    public DurationStats? FailedDuration { get; init; }

    /// <summary>
    /// This name's latency over time, one entry per second in which some of its requests completed (seconds without any are left
    /// out, not written as zeros). Written for the busiest names only, so the file stays bounded: at most 12 names by requests
    /// over the run and 43,200 name-seconds together (12 names for an hour; a longer run, fewer names). Null for the others, in
    /// files from before it existed, and for a name whose per-second figures the run did not keep (a run holding more than a
    /// million name-seconds keeps them only for its 24 busiest names so far).
    /// </summary>
    public IReadOnlyList<RequestInterval>? Series { get; init; }
}

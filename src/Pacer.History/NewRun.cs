namespace Pacer.History;

/// <summary>A run to record: where it came from, its labels, its whole file (kept compressed) and its series values.</summary>
/// <param name="RecordedAt">When it ran (a Pacer result's start), or when it was recorded.</param>
/// <param name="Plan">The plan's name, or the name given at import: the first part of every series key.</param>
/// <param name="PlanDigest">The plan's digest (<c>sha256:…</c>) for a Pacer result, else null.</param>
/// <param name="Machine">The machine that measured, when known.</param>
/// <param name="Format">The file's format (an <see cref="Analysis.Inputs.InputFormat"/> name).</param>
/// <param name="Source">The file's path as given.</param>
/// <param name="Labels">Every label (commit, branch, commit_time and the user's own).</param>
/// <param name="Content">The file's whole text: a Pacer result with its histograms, or the other tool's output.</param>
/// <param name="Values">One per series point.</param>
internal sealed record NewRun(
    DateTimeOffset RecordedAt,
    string Plan,
    string? PlanDigest,
    string? Machine,
    string Format,
    string Source,
    IReadOnlyDictionary<string, string> Labels,
    string Content,
    IReadOnlyList<SeriesValue> Values);

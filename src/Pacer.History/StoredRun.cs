using Pacer.Analysis.History;

namespace Pacer.History;

/// <summary>A run as the store keeps it, without its file and values.</summary>
/// <param name="Run">The run as series points carry it.</param>
/// <param name="PlanDigest">The plan's digest, for a Pacer result.</param>
/// <param name="Machine">The machine that measured, when known.</param>
/// <param name="Format">The file's format.</param>
/// <param name="Source">The file's path when it was recorded.</param>
/// <param name="Values">How many series values it has.</param>
internal sealed record StoredRun(HistoryRun Run, string? PlanDigest, string? Machine, string Format, string Source, int Values);

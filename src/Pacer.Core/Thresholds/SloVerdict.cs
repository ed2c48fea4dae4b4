using Pacer.Core.Plans;

namespace Pacer.Core.Thresholds;

/// <summary>The run's events for one SLO objective: how many there were and how many were good.</summary>
/// <param name="Objective">The objective.</param>
/// <param name="Good">Events that met it (a request that did not fail, a sample below the bound …).</param>
/// <param name="Total">Every event it counts.</param>
internal sealed record SloVerdict(SloObjective Objective, long Good, long Total);

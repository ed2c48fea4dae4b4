namespace Pacer.Core.Plans;

/// <summary>
/// One objective of a plan's <c>slo:</c> section: the share of good events the service promises, judged on the run's own events
/// with an error budget (docs/plan-reference.md#slo).
/// </summary>
/// <param name="Name">Its name, for reports: <c>availability</c>, <c>fast</c>.</param>
/// <param name="Metric">
/// What counts the events: <c>http_req_failed</c> (good: a request that did not fail), <c>checks</c> (good: a check that passed),
/// or a latency — <c>http_req_duration</c>, <c>http_req_service_time</c>, <c>group_duration</c> or a declared trend — with
/// <paramref name="BelowMs"/> (good: a sample below it).
/// </param>
/// <param name="Objective">The promised share of good events, between 0 and 1 (exclusive): 0.999 for 99.9%.</param>
/// <param name="BelowMs">For a latency: the bound in milliseconds a good sample stays below; null otherwise.</param>
public sealed record SloObjective(string Name, string Metric, double Objective, double? BelowMs);

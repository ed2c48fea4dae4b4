using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>
/// The generator, not the service, was the limit: <see cref="GeneratorInfo.Saturated"/>, with the evidence it was judged on
/// (<see cref="GeneratorInfo.SaturatedBy"/>). First in the list: while it holds, every other number may describe Pacer.
/// </summary>
internal sealed class GeneratorLimitRule : IFindingRule
{
    public const int Rank = 0;

    public bool NeedsTarget => false;

    public Finding? Evaluate(RunResult result)
    {
        if (result.Generator is not { Saturated: true } g)
        {
            return null;
        }

        var evidence = new List<FindingEvidence>();
        var reasons = new List<string>();
        var by = g.SaturatedBy ?? [];
        if (by.Count == 0 || by.Contains("late_requests") || by.Contains("sustained_lag"))
        {
            evidence.Add(new FindingEvidence("lag_p99", g.LagP99, FindingUnit.Milliseconds));
            reasons.Add("requests went out late (scheduling lag p99 {lag_p99})");
        }

        if (by.Contains("cpu"))
        {
            evidence.Add(new FindingEvidence("generator_cpu", g.BusyFraction, FindingUnit.Ratio));
            reasons.Add("Pacer's CPU was above 90% of its cores for {generator_cpu} of the run");
        }

        if (by.Contains("event_loop"))
        {
            evidence.Add(new FindingEvidence("loop_busy", g.LoopBusyFraction, FindingUnit.Ratio));
            reasons.Add("an event loop was busy for {loop_busy} of the run");
        }

        return new Finding(
            Kind: FindingKind.GeneratorLimited,
            Rank: Rank,
            Title: "generator-limited",
            Headline: "the generator, not the service, was the limit: " + string.Join(", ", reasons)
                + "; give Pacer more cores or a second machine before reading the service's numbers",
            Evidence: evidence);
    }
}

using System.Globalization;
using Pacer.Core.Results;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Html;

/// <summary>
/// Whether Pacer itself kept up, in words: the saturation verdict and the evidence behind it. Only Pacer measures this (its own
/// scheduling lag and CPU), and a latency is worth reading only when the generator was not the bottleneck.
/// </summary>
internal static class GeneratorWords
{
    /// <summary>"kept up" or "saturated" for a headline tile; null for files from before generator health was recorded.</summary>
    public static string? Headline(GeneratorInfo? generator) =>
        generator is null ? null : generator.Saturated ? "saturated" : "kept up";

    /// <summary>One or two sentences: the verdict, then the figures it rests on.</summary>
    public static string Sentence(GeneratorInfo g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var figures = string.Create(
            CultureInfo.InvariantCulture,
            $"scheduling lag p50 {Units.Duration(g.LagP50)}, p99 {Units.Duration(g.LagP99)}, max {Units.Duration(g.LagMax)}; CPU {Units.Percent(g.CpuMean)} of {g.Cores} cores on average, {Units.Percent(g.CpuMax)} in its busiest second");
        var late = g.LagSamples > 0
            ? string.Create(CultureInfo.InvariantCulture, $" {Units.Count(g.LagLate)} of {Units.Count(g.LagSamples)} requests went out more than 5 ms late.")
            : string.Empty;
        if (!g.Saturated)
        {
            return $"Pacer kept up: requests went out when the plan said, so the latencies are the service's ({figures}).{late}";
        }

        var reasons = (g.SaturatedBy ?? []).Select(Reason).ToList();
        var why = reasons.Count > 0 ? string.Join("; ", reasons) : "its lag or CPU crossed the limits";
        return $"Pacer was saturated — {why}. Latencies may include Pacer's own delay, not only the service's ({figures}).{late}";

        string Reason(string code) => code switch
        {
            "late_requests" => "its scheduling lag p99 was over 5 ms with at least 10 requests more than 5 ms late",
            "sustained_lag" => string.Create(CultureInfo.InvariantCulture, $"most requests were more than 5 ms late in {g.LagLateSeconds} of {g.LagSeconds} seconds"),
            "cpu" => string.Create(CultureInfo.InvariantCulture, $"CPU was above 90% of the cores for {Units.Percent(g.BusyFraction)} of the run"),
            "event_loop" => string.Create(CultureInfo.InvariantCulture, $"an event loop was above 90% of a core for {Units.Percent(g.LoopBusyFraction)} of the run"),
            _ => code,
        };
    }
}

using Pacer.Core.Thresholds;

namespace Pacer.Core.Results;

/// <summary>SLO objectives' events turned into the error budget the result file records.</summary>
internal static class SloResults
{
    public static List<SloResult> From(IEnumerable<SloVerdict> verdicts) => [.. verdicts.Select(From)];

    public static SloResult From(SloVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var o = verdict.Objective;
        var bad = verdict.Total - verdict.Good;
        if (verdict.Total == 0)
        {
            return new SloResult(o.Name, o.Metric, o.Objective, o.BelowMs, 0, 0, 0, 0, 0, 0, false) { Note = $"not judged: the run counted no {o.Metric} events" };
        }

        // Rounded so that 0.1% of 1,000 is 1 allowed failure, not 0.9999999999999 (floating point would fail a run that met it).
        var allowed = Math.Round((1 - o.Objective) * verdict.Total, 9);
        var burn = Math.Round((double)bad / verdict.Total / (1 - o.Objective), 6);
        return new SloResult(o.Name, o.Metric, o.Objective, o.BelowMs, verdict.Good, bad, verdict.Total, allowed, Math.Round(burn * 100, 4), burn, bad <= allowed);
    }
}

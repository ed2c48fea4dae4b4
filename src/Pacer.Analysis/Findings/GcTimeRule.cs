using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>GC time high: the mean of <c>dotnet_gc_time</c> (the share of time a .NET target spent in garbage collection) is at least <see cref="MinMean"/>.</summary>
internal sealed class GcTimeRule : IFindingRule
{
    public const int Rank = 60;

    /// <summary>A tenth of the time in GC: above what a healthy service spends (a few percent), and large enough to show in latency.</summary>
    public const double MinMean = 0.10;

    public bool NeedsTarget => true;

    public Finding? Evaluate(RunResult result)
    {
        if (RunSeconds.Target(result, "dotnet_gc_time") is not { } gc)
        {
            return null;
        }

        var mean = gc.Series.Average(p => p.V);
        if (mean < MinMean)
        {
            return null;
        }

        var peak = RunSeconds.Peak(gc.Series);
        return new Finding(
            FindingKind.GcTime,
            Rank,
            "GC time high",
            "GC took {gc} of the time (peak {peak} at second {peak_at}): allocate less per request, or look at the heap's size and the GC mode",
            [
                new FindingEvidence("gc", mean, FindingUnit.Ratio) { From = gc.Series[0].T, To = gc.Series[^1].T },
                new FindingEvidence("peak", peak.V, FindingUnit.Ratio) { From = peak.T, To = peak.T },
                new FindingEvidence("peak_at", peak.T, FindingUnit.Second),
            ]);
    }
}

using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>
/// Errors rising with load. The seconds that completed requests (at least <see cref="MinSeconds"/>) are ordered by the planned
/// load at their tick (<see cref="IntervalResult.Target"/>), then by time, and split into a quieter and a busier half. The
/// finding holds when the busier half's error rate is at least <see cref="MinErrorRate"/>, at least <see cref="MinRatio"/> times
/// the quieter half's, and rests on at least <see cref="MinErrors"/> failed requests. With a constant load the order is the
/// run's own, and the sentence says errors rose as the run went on.
/// </summary>
internal sealed class ErrorsRoseRule : IFindingRule
{
    public const int Rank = 40;

    public const int MinSeconds = 6;

    /// <summary>One request in a hundred failing in the busier half.</summary>
    public const double MinErrorRate = 0.01;

    /// <summary>Three times the quieter half's rate: errors that are as common at low load do not rise with it.</summary>
    public const double MinRatio = 3;

    /// <summary>Fewer failures than this are too few to call a trend.</summary>
    public const long MinErrors = 10;

    public bool NeedsTarget => false;

    public Finding? Evaluate(RunResult result)
    {
        var seconds = RunSeconds.WithRequests(result);
        if (seconds.Count < MinSeconds)
        {
            return null;
        }

        var ordered = seconds.OrderBy(i => i.Target).ThenBy(i => i.T).ToList();
        var quiet = ordered.Take(ordered.Count / 2).ToList();
        var busy = ordered.Skip(ordered.Count / 2).ToList();
        var quietRate = (double)quiet.Sum(i => i.Errors) / quiet.Sum(i => i.Requests);
        var busyErrors = busy.Sum(i => i.Errors);
        var busyRate = (double)busyErrors / busy.Sum(i => i.Requests);
        if (busyErrors < MinErrors || busyRate < MinErrorRate || busyRate < MinRatio * quietRate)
        {
            return null;
        }

        var quietLoad = quiet.Average(i => i.Target);
        var busyLoad = busy.Average(i => i.Target);
        var unit = string.Equals(result.Plan.Model, "closed", StringComparison.OrdinalIgnoreCase) ? FindingUnit.Count : FindingUnit.PerSecond;
        var loadRose = busyLoad > quietLoad * 1.1;
        return new Finding(
            FindingKind.ErrorsRose,
            Rank,
            loadRose ? "errors rose with load" : "errors rose over the run",
            loadRose
                ? "{errors_busy} of requests failed in the busier half of the seconds (planned load {load_busy}) against {errors_quiet} in the quieter half ({load_quiet})"
                : "{errors_busy} of requests failed in its second half against {errors_quiet} in its first (the planned load did not change)",
            [
                new FindingEvidence("errors_busy", busyRate, FindingUnit.Ratio) { From = busy.Min(i => i.T), To = busy.Max(i => i.T) },
                new FindingEvidence("errors_quiet", quietRate, FindingUnit.Ratio) { From = quiet.Min(i => i.T), To = quiet.Max(i => i.T) },
                new FindingEvidence("load_busy", busyLoad, unit),
                new FindingEvidence("load_quiet", quietLoad, unit),
            ]);
    }
}

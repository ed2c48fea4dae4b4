using Pacer.Analysis.Inputs;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.History;

/// <summary>
/// <c>pacer history check</c>'s analysis: change points in every series (E-divisive means with a significance test), the false
/// discovery rate controlled across all series, changes within the noise of repeated runs left out, each change measured with
/// an interval, and the verdict — fail when a series' newest change point is a regression beyond the threshold that nobody
/// marked as expected. Pure and deterministic: the same series and options always give the same report.
/// </summary>
public static class HistoryCheck
{
    /// <summary>Checks <paramref name="series"/> (each oldest first) and judges the newest change points.</summary>
    /// <param name="series">The series to check together (the false discovery rate is controlled over all of them). Points with
    /// a <see cref="HistoryPoint.Distribution"/> also give one shape series per plan and request.</param>
    /// <param name="options">Threshold, <c>--since</c>, expected marks, test and rate.</param>
    /// <returns>Every series' change points, the failing ones, and the points that could not be used.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static HistoryCheckReport Run(IReadOnlyList<HistorySeries> series, HistoryCheckOptions options) => Run(series, options, null);

    /// <summary>
    /// Checks <paramref name="series"/> as <see cref="Run(IReadOnlyList{HistorySeries}, HistoryCheckOptions)"/> does, taking from
    /// <paramref name="cache"/> whatever an earlier check computed over the same runs and adding what this one computes: after
    /// runs are appended only the windows that reach the newest run are searched again. The report is exactly the one a check
    /// without a cache gives.
    /// </summary>
    /// <param name="series">The series to check together.</param>
    /// <param name="options">Threshold, <c>--since</c>, expected marks, test and rate.</param>
    /// <param name="cache">What earlier checks computed (its <see cref="HistoryCheckCache.Used"/> is what to keep); null: compute everything.</param>
    /// <returns>Every series' change points, the failing ones, and the points that could not be used.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static HistoryCheckReport Run(IReadOnlyList<HistorySeries> series, HistoryCheckOptions options, HistoryCheckCache? cache)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var problems = new List<string>();
        var prepared = series.Select(s => SeriesPreparation.Level(s, options.MinimumSegment, problems)).ToList();
        prepared.AddRange(SeriesPreparation.Shapes(series, options.MinimumSegment, problems));

        var tested = prepared
            .Select(s => WindowedSearch.Run(s, options, Math.Min(FirstPass, options.Permutations ?? FirstPass), cache))
            .ToList();
        var all = tested.SelectMany((candidates, s) => candidates.Select(c => (Series: s, Candidate: c))).ToList();
        var adjusted = Adjust(prepared, all, options, cache);

        var accepted = prepared.Select(_ => new List<(int Index, double P, double Q)>()).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Candidate.Passed && adjusted[i] <= options.FalseDiscoveryRate)
            {
                accepted[all[i].Series].Add((all[i].Candidate.Index, all[i].Candidate.PValue, adjusted[i]));
            }
        }

        var found = new List<List<ChangePoint>>();
        for (var s = 0; s < prepared.Count; s++)
        {
            found.Add(Measure(prepared[s], accepted[s], options));
        }

        return Judge(prepared, found, problems, options);
    }

    /// <summary>Permutations per candidate in the search itself: enough to tell a p-value below any sensible rate (floor 0.001).</summary>
    private const int FirstPass = 999;

    /// <summary>
    /// Benjamini–Hochberg over every candidate, drawing more permutations where it matters: while a candidate that passed the
    /// search is not yet rejected and no shuffle has matched it (its p-value only the floor of the draws so far), draw four
    /// times as many for it, up to <see cref="HistoryCheckOptions.Permutations"/> (by default 2·candidates/rate, at most
    /// 19,999). Only the few real changes among many quiet series pay for the precision the correction asks of them.
    /// </summary>
    private static double[] Adjust(List<CheckedSeries> prepared, List<(int Series, SplitCandidate Candidate)> all, HistoryCheckOptions options, HistoryCheckCache? cache)
    {
        var most = options.Permutations ?? (int)Math.Clamp(Math.Ceiling(2.0 * Math.Max(1, all.Count) / options.FalseDiscoveryRate), FirstPass, 19_999);
        while (true)
        {
            var adjusted = BenjaminiHochberg.Adjust([.. all.Select(a => a.Candidate.PValue)]);
            var refine = Enumerable.Range(0, all.Count)
                .Where(i => all[i].Candidate is { Passed: true, AtFloor: true } c && c.Drawn < most && adjusted[i] > options.FalseDiscoveryRate)
                .ToList();
            if (refine.Count == 0)
            {
                return adjusted;
            }

            foreach (var i in refine)
            {
                var (series, candidate) = all[i];
                var seed = StableSeed.Of($"{prepared[series].Kind}:{prepared[series].Key}:{candidate.Index}:{candidate.Drawn}", options.Seed);
                var target = Math.Min(most, (candidate.Drawn * 4) + 3);
                SplitCandidate Refine() => ChangePointSearch.Refine(prepared[series].Split, candidate, target, seed);

                // The extra draws are a pure function of the candidate's window (its key), where it stands and the target.
                var refined = cache is null || candidate.Window is null
                    ? Refine()
                    : cache.GetOrAdd(
                        WindowedSearch.Scope(prepared[series]), WindowedSearch.RefineKey(candidate, target), Refine, WindowedSearch.WriteRefined,
                        text => WindowedSearch.ReadRefined(candidate, text));
                all[i] = (series, refined);
            }
        }
    }

    /// <summary>
    /// Measures each accepted change against its neighbours, leaves out those within the series' noise floor, and measures the
    /// rest again (a change left out no longer bounds its neighbours' windows).
    /// </summary>
    private static List<ChangePoint> Measure(CheckedSeries series, List<(int Index, double P, double Q)> accepted, HistoryCheckOptions options)
    {
        var kept = accepted.OrderBy(a => a.Index).ToList();
        for (var pass = 0; pass < 2; pass++)
        {
            var measured = MeasureAll(series, kept, options);
            var above = kept.Where((_, i) => !(measured[i].Floor is { } floor && measured[i].Point.Size < floor)).ToList();
            if (above.Count == kept.Count)
            {
                return measured.Select(m => m.Point).ToList();
            }

            kept = above;
        }

        return MeasureAll(series, kept, options).Select(m => m.Point).ToList();
    }

    private static List<(ChangePoint Point, double? Floor)> MeasureAll(CheckedSeries series, List<(int Index, double P, double Q)> kept, HistoryCheckOptions options)
    {
        var result = new List<(ChangePoint, double?)>();
        for (var i = 0; i < kept.Count; i++)
        {
            var start = i == 0 ? 0 : kept[i - 1].Index;
            var end = i == kept.Count - 1 ? series.Runs.Count : kept[i + 1].Index;
            result.Add(MeasureOne(series, start, kept[i].Index, end, kept[i].P, kept[i].Q, options));
        }

        return result;
    }

    /// <summary>
    /// The change at <paramref name="index"/> between the windows [start, index) and [index, end): for a shape series, of the
    /// quantile whose ratio moved most.
    /// </summary>
    private static (ChangePoint Point, double? Floor) MeasureOne(CheckedSeries series, int start, int index, int end, double p, double q, HistoryCheckOptions options)
    {
        var best = 0;
        var bestSize = double.NegativeInfinity;
        var ratios = new HodgesLehmannEstimate?[series.Columns.Count];
        for (var c = 0; c < series.Columns.Count; c++)
        {
            var (before, after) = Windows(series.Columns[c], start, index, end);
            ratios[c] = before.Concat(after).All(v => v > 0) ? HodgesLehmann.Ratio(before, after, options.Confidence) : null;
            var size = ratios[c] is { } ratio ? Math.Abs(Math.Log(ratio.Estimate)) : double.PositiveInfinity;
            if (size > bestSize)
            {
                bestSize = size;
                best = c;
            }
        }

        var (b, a) = Windows(series.Columns[best], start, index, end);
        var shift = HodgesLehmann.Shift(b, a, options.Confidence);
        var beforeMedian = Median(b);
        var afterMedian = Median(a);
        var up = shift.Estimate != 0 ? shift.Estimate > 0 : afterMedian > beforeMedian;
        var down = shift.Estimate != 0 ? shift.Estimate < 0 : afterMedian < beforeMedian;
        var worse = series.Direction == MetricDirection.LowerIsBetter ? up : down;
        var point = new ChangePoint(
            series.Key, series.Kind, index, series.Runs[index], series.Measures[best], series.Unit, beforeMedian, afterMedian,
            shift, ratios[best], p, q, worse ? ChangeDirection.Regression : ChangeDirection.Improvement, Expected: false, MovedWith: []);
        return (point, series.NoiseFloor[best]);
    }

    /// <summary>Applies <c>--since</c>, the expected marks, the co-movements and the verdict.</summary>
    private static HistoryCheckReport Judge(List<CheckedSeries> prepared, List<List<ChangePoint>> found, List<string> problems, HistoryCheckOptions options)
    {
        var reported = found
            .Select(points => points
                .Where(c => options.Since is not { } since || c.Run.RecordedAt >= since)
                .Select(c => c with { Expected = IsExpected(c, options.Expected) })
                .ToList())
            .ToList();
        var everyPoint = reported.SelectMany(p => p).ToList();
        reported = reported
            .Select(points => points.Select(c => c with
            {
                MovedWith = everyPoint
                    .Where(o => o.Key.Plan == c.Key.Plan && o.Run.Id == c.Run.Id && (o.Key != c.Key || o.Kind != c.Kind))
                    .Select(o => o.Key)
                    .Distinct()
                    .ToList(),
            }).ToList())
            .ToList();

        var checks = prepared
            .Select((s, i) => new SeriesCheck(s.Key, s.Kind, s.Unit, s.Direction, s.Runs.Count, s.SeriesFloor, reported[i]))
            .ToList();
        var failing = reported
            .Where(points => points.Count > 0)
            .Select(points => points[^1])
            .Where(c => c.Direction == ChangeDirection.Regression && !c.Expected && c.Size >= options.Threshold)
            .ToList();
        var ordered = reported
            .SelectMany(p => p)
            .OrderBy(c => c.Run.CommitTime ?? c.Run.RecordedAt)
            .ThenBy(c => c.Run.Id)
            .ThenBy(c => c.Key.ToString(), StringComparer.Ordinal)
            .ToList();
        return new HistoryCheckReport(checks, ordered, failing, problems, options);
    }

    /// <summary>
    /// Whether a mark covers <paramref name="change"/>: the same series and run; for a shape change, a mark on any series of the
    /// same plan and request at that run (they share the histograms it was found in).
    /// </summary>
    private static bool IsExpected(ChangePoint change, IReadOnlyList<ExpectedChange> marks) =>
        marks.Any(m => m.RunId == change.Run.Id && (change.Kind == ChangeKind.Shape
            ? m.Key.Plan == change.Key.Plan && m.Key.Group == change.Key.Group
            : m.Key == change.Key));

    private static (double[] Before, double[] After) Windows(double[] column, int start, int index, int end) =>
        (column[start..index], column[index..end]);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static void Validate(HistoryCheckOptions options)
    {
        if (!(options.Threshold >= 0) || !double.IsFinite(options.Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "The threshold must be a fraction of at least 0 (0.10 = 10%).");
        }

        if (!(options.FalseDiscoveryRate > 0 && options.FalseDiscoveryRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FalseDiscoveryRate, "The false discovery rate must lie strictly between 0 and 1.");
        }

        if (options.MinimumSegment < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinimumSegment, "A change point needs at least 2 runs on either side.");
        }

        if (options.Window < 4 * options.MinimumSegment)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Window, $"A window must hold at least 4 × the minimum segment ({4 * options.MinimumSegment} runs), so that half a window on still leaves room for a change.");
        }

        if (options.Permutations is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Permutations, "At least one permutation is needed.");
        }

        if (!(options.Confidence > 0 && options.Confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Confidence, "The confidence level must lie strictly between 0 and 1.");
        }

        ArgumentNullException.ThrowIfNull(options.Expected);
    }
}

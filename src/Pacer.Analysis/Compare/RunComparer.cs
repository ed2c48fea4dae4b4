using System.Globalization;
using Pacer.Analysis.Inputs;
using Pacer.Analysis.Statistics;
using Pacer.Core.Recording;

namespace Pacer.Analysis.Compare;

/// <summary>
/// Compares a baseline side and a current side (one or more runs each) quantity by quantity, choosing the method by the
/// kind of data (docs/compare.md says why), then corrects the p-values for the number of rows (Holm).
/// </summary>
public static class RunComparer
{
    private const string OneRunSeconds = "block bootstrap over per-second intervals of one run a side";
    private const string NoInterval = "no interval (one run a side, no per-second series)";

    /// <summary>
    /// Compares <paramref name="baseline"/> with <paramref name="current"/> (one or more runs a side, read by
    /// <see cref="Inputs.RunFileReader"/>): one row per quantity both sides have, with its change, interval and verdict.
    /// </summary>
    public static ComparisonReport Compare(IReadOnlyList<RunData> baseline, IReadOnlyList<RunData> current, CompareOptions options)
    {
        var warnings = new List<string>();
        var baseKeys = Keys(baseline);
        var currentKeys = Keys(current);
        var rows = new List<ComparisonRow>();
        foreach (var key in baseKeys.Keys.Where(currentKeys.ContainsKey))
        {
            rows.Add(CompareOne(baseKeys[key], currentKeys[key], options));
        }

        foreach (var key in baseKeys.Keys.Where(k => !currentKeys.ContainsKey(k)))
        {
            warnings.Add($"{key.Group} {key.Metric}: only in the baseline");
        }

        foreach (var key in currentKeys.Keys.Where(k => !baseKeys.ContainsKey(k)))
        {
            warnings.Add($"{key.Group} {key.Metric}: only in the current runs");
        }

        // Holm across every row that has a p-value: sixty rows at 5% each would otherwise make some false alarm near certain.
        var tested = rows.Select((r, i) => (r, i)).Where(x => x.r.PValue is not null).ToList();
        var adjusted = Holm.Adjust([.. tested.Select(x => x.r.PValue!.Value)]);
        for (var j = 0; j < tested.Count; j++)
        {
            rows[tested[j].i] = rows[tested[j].i] with { AdjustedP = adjusted[j] };
        }

        // A change is called only when its p-value survives the correction too. The interval is a per-row 95% interval; without
        // this a row could read "~ (p=0.33)" and "regressed" at once — the very false alarm among many rows Holm is there to stop.
        // With it, "regressed" or "improved" always comes with a significant p, by construction.
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is { Verdict: Verdict.Regressed or Verdict.Improved, Significant: false } row)
            {
                rows[i] = row with { Verdict = Verdict.Inconclusive, Basis = VerdictBasis.NotSignificantAfterCorrection, RunsToSettle = null };
            }
        }

        var geomeans = rows
            .Where(r => r.Metric != "error_rate" && r.Baseline > 0 && r.Current > 0)
            .GroupBy(r => r.Metric, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => Math.Exp(g.Average(r => Math.Log(r.Current / r.Baseline))), StringComparer.Ordinal);

        return new ComparisonReport([.. baseline.Select(b => b.Source)], [.. current.Select(c => c.Source)], rows, geomeans, warnings);
    }

    private static Dictionary<(string Group, string Metric), List<Observation>> Keys(IReadOnlyList<RunData> runs)
    {
        var keys = new Dictionary<(string, string), List<Observation>>();
        foreach (var observation in runs.SelectMany(r => r.Observations))
        {
            var key = (observation.Group, observation.Metric);
            if (!keys.TryGetValue(key, out var list))
            {
                keys[key] = list = [];
            }

            list.Add(observation);
        }

        return keys;
    }

    private static ComparisonRow CompareOne(List<Observation> baseline, List<Observation> current, CompareOptions options)
    {
        var first = baseline[0];
        var notes = new List<string>();
        var threshold = first.Kind == ObservationKind.ErrorRate ? options.ErrorRateGate : options.ThresholdFor(first.Metric);
        if (first.Kind == ObservationKind.ErrorRate)
        {
            return CompareErrorRate(baseline, current, options, notes);
        }

        var baseValue = baseline.Average(o => o.Value);
        var currentValue = current.Average(o => o.Value);
        double ratio, lower, upper;
        double? p = null;
        string method;
        var manyRuns = baseline.Count >= 2 && current.Count >= 2;
        var (baseCount, currentCount) = (baseline.Count, current.Count);
        var baseSamples = baseline.Select(o => (IReadOnlyList<double>)o.Samples).Where(s => s.Count > 0).ToList();
        var currentSamples = current.Select(o => (IReadOnlyList<double>)o.Samples).Where(s => s.Count > 0).ToList();
        var haveSamples = baseSamples.Count == baseline.Count && currentSamples.Count == current.Count;

        if (first.Kind == ObservationKind.Benchmark && haveSamples && baseSamples.Sum(s => s.Count) >= 2 && currentSamples.Sum(s => s.Count) >= 2)
        {
            // Microbenchmarks: many measurements a side, often skewed; rank-based test and a distribution-free ratio interval.
            var b = baseSamples.SelectMany(s => s).ToList();
            var c = currentSamples.SelectMany(s => s).ToList();
            var hl = HodgesLehmann.Ratio(b, c, options.Confidence);
            (ratio, lower, upper) = (hl.Estimate, hl.Lower, hl.Upper);
            p = MannWhitney.Test(b, c).PValue;
            method = "Mann–Whitney U, Hodges–Lehmann ratio";

            // The test's n is the measurements (go test -count 5 gives five a side in one file), not the files.
            (baseCount, currentCount) = (b.Count, c.Count);
            baseValue = Medians.Of(b);
            currentValue = Medians.Of(c);
            if (b.Count >= Modality.MinimumCount && Modality.LooksBimodal(b) || c.Count >= Modality.MinimumCount && Modality.LooksBimodal(c))
            {
                notes.Add("bimodal: the measurements fall in two groups; look at them before trusting one number");
            }
        }
        else if (first.Kind == ObservationKind.LatencyQuantile && haveSamples && manyRuns)
        {
            // Several runs a side: resample runs, then requests within them, so run-to-run noise (usually the larger part)
            // widens the interval as it should. The p-value is read from the same resampled ratios, so it cannot call
            // significant a change whose interval includes none.
            var boot = HierarchicalQuantileBootstrap.Ratio(baseSamples, currentSamples, Quantile(first.Metric), options.Resamples, options.Confidence);
            (ratio, lower, upper, p) = (boot.Ratio, boot.Lower, boot.Upper, boot.PValue);
            method = "hierarchical bootstrap (runs, then requests)";
        }
        else if (first.Kind == ObservationKind.LatencyQuantile && !manyRuns
            && Series(baseline.Select(o => o.Intervals)) is { } baseSeconds && Series(current.Select(o => o.Intervals)) is { } currentSeconds)
        {
            // One run a side with a per-second series: requests within a second share the service's state and are not
            // independent, seconds are much closer to it — bootstrap the mean per-second quantile over blocks of seconds.
            var geometric = baseSeconds.Concat(currentSeconds).All(v => v > 0);
            var boot = geometric
                ? BlockBootstrap.RatioOfGeometricMeans(baseSeconds, currentSeconds, options.Resamples, options.Confidence)
                : BlockBootstrap.RatioOfMeans(baseSeconds, currentSeconds, options.Resamples, options.Confidence);
            (ratio, lower, upper, p) = (boot.Ratio, boot.Lower, boot.Upper, boot.PValue);
            method = OneRunSeconds;

            // The change is not current / baseline of the whole-run values shown beside it: say what it is, with its own figures,
            // so the row's numbers can be checked against each other.
            var kind = geometric ? "geometric mean" : "mean";
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"change and interval are of the per-second {first.Metric}'s {kind} ({Mean(baseSeconds, geometric):0.###} → {Mean(currentSeconds, geometric):0.###} {first.Unit} over {baseSeconds.Count} and {currentSeconds.Count} s); the values shown are the whole runs'"));
            notes.Add("one run a side: between-run noise is unknown, so the interval is too narrow; compare several runs a side");
        }
        else if (first.Kind == ObservationKind.LatencyQuantile && haveSamples && !manyRuns)
        {
            // One run a side and no per-second series long enough (a request name's row, a k6 stream, a run of a second or
            // two): the requests are all there is, and they are not independent — a stall delays hundreds at once, so
            // resampling them one by one turned a single 10 ms spike into a "certain" 85% improvement. No interval is honest.
            ratio = baseValue == 0 ? double.NaN : currentValue / baseValue;
            (lower, upper) = (ratio, ratio);
            method = NoInterval;
            notes.Add($"one run a side without a per-second series of at least {BlockBootstrap.MinimumLength} seconds: requests of one run are not independent, so no interval; compare several runs a side");
        }
        else if (manyRuns && baseline.All(o => o.Value > 0) && current.All(o => o.Value > 0))
        {
            // Several runs a side: the run is the unit (its quantile or rate already carries its within-run noise, and runs are
            // what differ most between two builds); Welch's t on log values gives a ratio with an exact t interval.
            var w = WelchTest.Compare([.. baseline.Select(o => o.Value)], [.. current.Select(o => o.Value)], options.Confidence);
            (ratio, lower, upper, p) = (w.Ratio, w.Lower, w.Upper, w.PValue);
            method = "Welch's t on log values across runs";
        }
        else if (!manyRuns && Series(baseline.Select(o => o.Samples)) is { } basePerSecond && Series(current.Select(o => o.Samples)) is { } currentPerSecond)
        {
            // One run a side with per-interval samples (throughput per second): neighbouring seconds share a stall too, so
            // bootstrap the mean over blocks of seconds, and read the p-value from the same resampled ratios.
            var boot = BlockBootstrap.RatioOfMeans(basePerSecond, currentPerSecond, options.Resamples, options.Confidence);
            (ratio, lower, upper, p) = (boot.Ratio, boot.Lower, boot.Upper, boot.PValue);
            method = "block bootstrap over per-second intervals";
            notes.Add("one run a side: between-run noise is unknown, so the interval is too narrow; compare several runs a side");
        }
        else
        {
            ratio = baseValue == 0 ? double.NaN : currentValue / baseValue;
            (lower, upper) = (ratio, ratio);
            method = "single values";
            notes.Add("too few samples for a confidence interval: one value a side");
        }

        if (baseline.Count >= 3 && baseValue > 0 && Noise.CoefficientOfVariation([.. baseline.Select(o => o.Value)]) > 0.10)
        {
            notes.Add("noisy: the baseline runs vary by more than 10% (CV)");
        }

        var change = ratio - 1;
        var (lo, hi) = (lower - 1, upper - 1);
        var hasInterval = method is not ("single values" or NoInterval);
        var verdict = hasInterval ? Decide(first.Direction, lo, hi, threshold) : Verdict.Inconclusive;
        var basis = hasInterval ? VerdictBasis.Interval : VerdictBasis.NoInterval;
        if (verdict != Verdict.Equivalent && first.Unit == "ms" && Math.Abs(currentValue - baseValue) < options.NoiseFloorMs)
        {
            // Only when the interval alone would not say equivalent does the floor decide, and then the row says so.
            verdict = Verdict.Equivalent;
            basis = VerdictBasis.NoiseFloor;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"equivalent by the noise floor: the difference, {Math.Abs(currentValue - baseValue):0.###} ms, is below {options.NoiseFloorMs:0.###} ms; {(hasInterval ? "the interval alone would not call it equivalent" : "there is no interval")}"));
        }

        int? settle = verdict == Verdict.Inconclusive && hasInterval
            ? SampleSize.RunsToSettle(change, (hi - lo) / 2, Math.Max(1, Math.Min(baseCount, currentCount)), change >= 0 ? threshold : -threshold)
            : null;
        return new ComparisonRow(first.Group, first.Metric, first.Unit, first.Direction, baseValue, currentValue, change, lo, hi, p, null,
            baseCount, currentCount, threshold, verdict, method, settle, notes) { Basis = basis };
    }

    private static ComparisonRow CompareErrorRate(List<Observation> baseline, List<Observation> current, CompareOptions options, List<string> notes)
    {
        var (fb, tb) = (baseline.Sum(o => o.Failures), baseline.Sum(o => o.Total));
        var (fc, tc) = (current.Sum(o => o.Failures), current.Sum(o => o.Total));
        var first = baseline[0];
        if (tb == 0 || tc == 0)
        {
            // A side without requests has no error rate at all: not a number, rather than a 0% that reads like a clean run.
            notes.Add("no requests on one side");
            return new ComparisonRow(first.Group, first.Metric, "ratio", first.Direction, tb == 0 ? double.NaN : (double)fb / tb, tc == 0 ? double.NaN : (double)fc / tc,
                double.NaN, double.NaN, double.NaN, null, null, baseline.Count, current.Count, options.ErrorRateGate, Verdict.Inconclusive, "no requests on one side", null, notes)
            { Basis = VerdictBasis.NoInterval };
        }

        // Error rates are proportions with an absolute gate: 0.1% → 0.2% doubles, but rarely matters; 1% → 3% does.
        var d = NewcombeInterval.Difference((int)Math.Min(fb, int.MaxValue), (int)Math.Min(tb, int.MaxValue), (int)Math.Min(fc, int.MaxValue), (int)Math.Min(tc, int.MaxValue), options.Confidence);
        var (pb, pc) = ((double)fb / tb, (double)fc / tc);

        // By inverting the same interval: a pooled z test beside it could call significant a difference the interval includes.
        double? p = NewcombeInterval.PValue((int)Math.Min(fb, int.MaxValue), (int)Math.Min(tb, int.MaxValue), (int)Math.Min(fc, int.MaxValue), (int)Math.Min(tc, int.MaxValue));
        var verdict = Decide(MetricDirection.LowerIsBetter, d.Lower, d.Upper, options.ErrorRateGate);
        var basis = VerdictBasis.Interval;
        if (fb == 0 && fc == 0)
        {
            // Not one failure on either side: there is no difference to find, and a few hundred requests a side would otherwise
            // leave the score interval wider than the gate and the row "inconclusive" about nothing. Nor is it a test: its p
            // would be 1 whatever happened, and counting it in Holm's family would only raise every other row's adjusted p.
            verdict = Verdict.Equivalent;
            basis = VerdictBasis.NoErrors;
            p = null;
        }

        return new ComparisonRow(first.Group, first.Metric, "ratio", first.Direction, pb, pc, d.Difference, d.Lower, d.Upper, p, null,
            baseline.Count, current.Count, options.ErrorRateGate, verdict, "Newcombe interval on the difference", null, notes)
        { Basis = basis };
    }

    /// <summary>The four states from where the change's interval [<paramref name="lo"/>, <paramref name="hi"/>] lies.</summary>
    public static Verdict Decide(MetricDirection direction, double lo, double hi, double threshold)
    {
        var (worse, better) = direction == MetricDirection.LowerIsBetter ? (lo > threshold, hi < -threshold) : (hi < -threshold, lo > threshold);
        return worse ? Verdict.Regressed
            : better ? Verdict.Improved
            : lo >= -threshold && hi <= threshold ? Verdict.Equivalent
            : Verdict.Inconclusive;
    }

    private static double Quantile(string metric) =>
        metric.StartsWith('p') && double.TryParse(metric.AsSpan(1), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q) ? q / 100 : 0.5;

    /// <summary>The per-second values' geometric (or arithmetic) mean, the quantity a one-run-a-side latency row compares.</summary>
    private static double Mean(IReadOnlyList<double> seconds, bool geometric) =>
        geometric ? Math.Exp(seconds.Average(Math.Log)) : seconds.Average();

    /// <summary>
    /// The per-second series of a side for the block bootstrap: its runs' series one after the other (one run a side, or one
    /// against several), or null when a run has none, the whole is shorter than the bootstrap needs, or it cannot be a ratio's base.
    /// </summary>
    private static List<double>? Series(IEnumerable<IReadOnlyList<double>?> runs)
    {
        var series = new List<double>();
        foreach (var run in runs)
        {
            if (run is null || run.Count == 0)
            {
                return null;
            }

            series.AddRange(run);
        }

        return series.Count >= BlockBootstrap.MinimumLength && series.All(double.IsFinite) && series.Average() > 0 ? series : null;
    }

    private static class Medians
    {
        public static double Of(List<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}

using System.Text;
using Pacer.Core.Plans;
using Pacer.Core.Recording;

using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Results;

/// <summary>
/// Turns what the engine recorded into the immutable <see cref="RunResult"/>. Every metric and every threshold verdict comes from
/// one <see cref="MetricCatalog"/> over the recorder's totals, so the file, the summary printed from it and the thresholds agree;
/// the breakdowns (per request, status, group, check), the series, the environment and the warnings are written beside them.
/// </summary>
internal static class ResultBuilder
{
    /// <summary>Request names whose per-second series the result carries: the busiest, as many as the run page draws.</summary>
    public const int NamesWithSeries = 12;

    /// <summary>
    /// The most name-seconds the result carries: 12 names for an hour, about 8 MB of the (indented) file. A longer run carries the
    /// series of fewer names, the busiest, so a day's result stays well under <see cref="ResultFile.MaxFileBytes"/>.
    /// </summary>
    public const int MaxNameSeconds = NamesWithSeries * 3600;

    public static RunResult Build(
        LoadPlan plan,
        RunOutcome outcome,
        ThresholdMonitor thresholds,
        string transportName,
        IReadOnlyDictionary<ErrorKind, string> errorExamples,
        TargetResult? target = null)
    {
        var totals = outcome.Totals;

        // Rates are over the load period, not the drain after it: 1,500 iterations planned at 50/s for 30 s are 50/s, however
        // long the last ones took to finish. Summary, thresholds and this file all divide by the same period.
        var load = outcome.LoadPeriod > TimeSpan.Zero ? outcome.LoadPeriod : outcome.Elapsed;
        // Target thresholds are judged on the target section as the file writes it, so `pacer check` on the file agrees.
        var catalog = thresholds.Catalog(totals, load, SavedResultMetricSource.TargetOf(target));
        var seconds = Math.Max(catalog.Source.LoadSeconds, 1e-9);
        var thresholdResults = ThresholdResults.From(thresholds.EvaluateFinal(catalog), thresholds.AbortedBy, thresholds.AbortedAt);
        var stages = StageTimeline.Stages(plan.Load);
        var unanswered = ThresholdResults.Unanswered(catalog);
        var slo = plan.Slo.Count == 0 ? null : SloResults.From(plan.Slo.Select(o => SloJudge.Judge(o, catalog)));

        // The last tick comes after every request ended, so the last interval's mean is exact up to its end.
        var inFlight = totals.InFlight.Means([.. totals.Intervals.Select(i => i.ElapsedSeconds)], lastIsFinal: true);

        // The generator is sampled right after each recorder tick, so entry i covers the same second as interval i. Counts that
        // differ mean they were not taken in pairs: nothing is drawn rather than figures shifted onto the wrong seconds.
        var withSeries = NamesGivenSeries(totals);
        var generator = outcome.GeneratorTicks.Count == totals.Intervals.Count ? outcome.GeneratorTicks : null;

        return new RunResult
        {
            RunId = Guid.NewGuid().ToString("N"),
            StartedUtc = outcome.StartedUtc,
            EndedUtc = outcome.EndedUtc,
            DurationSeconds = Math.Round(outcome.Elapsed.TotalSeconds, 3),
            LoadSeconds = catalog.Source.LoadSeconds,
            Drain = new DrainInfo(Math.Round(Math.Max(0, (outcome.Elapsed - load).TotalSeconds), 3), totals.DrainRequests, totals.DrainFailures),
            Aborted = outcome.AbortReason is not null,
            AbortReason = outcome.AbortReason,
            Passed = thresholdResults.TrueForAll(t => t.Passed) && (slo?.TrueForAll(o => o.Passed) ?? true) && unanswered is null,
            NotPassedReason = unanswered,
            Plan = new PlanInfo(
                plan.Name,
                plan.Source.Path,
                "sha256:" + Convert.ToHexStringLower(Sha256.Hash(Encoding.UTF8.GetBytes(plan.Source.Text))),
                plan.Source.Text,
                plan.Target.ToString(),
                Model(plan),
                plan.Load.Duration.TotalSeconds,
                stages)
            {
                ScenarioModels = ScenarioModels(plan),
                MaxRequests = plan.Load.MaxRequests,
            },
            Environment = EnvironmentCapture.Now(transportName),
            Metrics = catalog.All().ToDictionary(m => m.Key, m => ResultStats.Metric(m.Value), StringComparer.Ordinal),
            Requests = [.. totals.PerRequest.Select((r, i) => new RequestResult(
                r.Name,
                plan.Requests[i].Method,
                plan.Requests[i].Url.ToString(),
                r.Requests,
                r.Requests / seconds,
                r.Failures,
                r.Requests == 0 ? 0 : (double)r.Failures / r.Requests,
                r.BytesSent,
                r.BytesReceived,
                ResultStats.Stats(r.Latency),
                ResultStats.Stats(r.ServiceTime),
                ResultStats.Stats(r.QueueTime))
            {
                ErrorsByKind = r.Errors.OrderByDescending(e => e.Value).ToDictionary(e => e.Key.ToName(), e => e.Value),

                // Kept apart only where they differ from the whole, so thresholds with expected_response judge the file as the run.
                ExpectedDuration = r.Failures == 0 ? null : ResultStats.Stats(r.ExpectedLatency),
                FailedDuration = r.Failures == 0 ? null : ResultStats.Stats(r.FailedLatency),
                Series = withSeries.Contains(i) ? NameSeries(totals, i) : null,
            })],
            Statuses = [.. totals.Statuses.OrderBy(s => s.Key).Select(s => new StatusResult(s.Key, s.Value.Count, ResultStats.Stats(s.Value.Latency)))],
            Errors = [.. totals.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value)
                .Select(e => new ErrorResult(e.Key.ToName(), e.Value, errorExamples.TryGetValue(e.Key, out var example) ? example : RunWarnings.Example(e.Key, plan, outcome)))],
            Series = [.. totals.Intervals.Select((i, index) => new IntervalResult(
                IntervalStats.SecondKey(i.ElapsedSeconds),
                i.Requests,
                i.Failures,
                i.Dropped,
                i.Active,
                StageTimeline.TargetAt(stages, plan.Load.StartTarget, i.ElapsedSeconds),
                i.LatencyP50Micros / 1000.0,
                i.LatencyP95Micros / 1000.0,
                i.LatencyP99Micros / 1000.0,
                i.LatencyMaxMicros / 1000.0,
                i.BytesSent,
                i.BytesReceived)
            {
                InFlight = Math.Round(inFlight[index], 4),
                GeneratorCpu = generator?[index].Cpu is { } cpu ? Math.Round(cpu, 4) : null,
                GeneratorLagP99 = generator?[index].LagP99Ms is { } lag ? Math.Round(lag, 3) : null,
                Metrics = MetricSeconds(totals, index),
            })],
            Thresholds = thresholdResults,
            Slo = slo,
            NotJudged = plan.NotJudged.Count == 0 ? null : [.. plan.NotJudged.Select(n => new NotJudgedResult(n.Key, n.Value, n.Reason, n.Origin))],
            Generator = Generator(outcome),
            Target = target,
            Checks = [.. catalog.Source.Checks.Select(c => new CheckResult(c.Name, c.Passes, c.Fails, c.Passes + c.Fails == 0 ? 0 : (double)c.Passes / (c.Passes + c.Fails)))],
            ScriptErrors = outcome.ScriptErrors,
            DataExhausted = outcome.DataExhausted,
            Groups = GroupResults.From(plan.Scenarios, totals),
            Warnings = RunWarnings.Of(plan, outcome, seconds),
        };
    }

    /// <summary>The second <paramref name="index"/> of the metrics that keep a series, those that had something in it; null when none did.</summary>
    private static Dictionary<string, IntervalMetric>? MetricSeconds(RecorderTotals totals, int index)
    {
        if (index >= totals.MetricSeconds.Count || totals.MetricSeconds[index] is not { Length: > 0 } seconds)
        {
            return null;
        }

        var specs = totals.Custom.Specs;
        var metrics = new Dictionary<string, IntervalMetric>(StringComparer.Ordinal);
        foreach (var s in seconds.Where(s => s.Count > 0))
        {
            metrics[specs[s.Index].Name] = specs[s.Index].Kind == MetricKind.Trend
                ? new IntervalMetric(s.Count) { P50 = s.P50Micros / 1000.0, P95 = s.P95Micros / 1000.0, P99 = s.P99Micros / 1000.0, Max = s.MaxMicros / 1000.0 }
                : new IntervalMetric(s.Count);
        }

        return metrics.Count == 0 ? null : metrics;
    }

    /// <summary>
    /// The busiest names whose series were kept, at most <see cref="NamesWithSeries"/> and <see cref="MaxNameSeconds"/> entries
    /// together; the first that does not fit ends the list, so the names that carry a series are always the busiest ones.
    /// </summary>
    private static HashSet<int> NamesGivenSeries(RecorderTotals totals)
    {
        var chosen = new HashSet<int>();
        var entries = 0L;
        foreach (var index in totals.PerRequest.Select((r, i) => (r.Requests, Index: i)).Where(r => r.Requests > 0)
            .OrderByDescending(r => r.Requests).Select(r => r.Index))
        {
            var kept = totals.NameSeries.Count(index);
            if (chosen.Count == NamesWithSeries || entries + kept > MaxNameSeconds)
            {
                break;
            }

            if (kept > 0)
            {
                chosen.Add(index);
                entries += kept;
            }
        }

        return chosen;
    }

    /// <summary>Name <paramref name="index"/>'s seconds, each at the <c>t</c> of the run's interval of the same tick; null when not kept.</summary>
    private static List<RequestInterval>? NameSeries(RecorderTotals totals, int index) =>
        totals.NameSeries.For(index) is { } seconds
            ? [.. seconds.Select(s => new RequestInterval(
                IntervalStats.SecondKey(totals.Intervals[s.Tick].ElapsedSeconds),
                s.Requests,
                s.Failures,
                s.LatencyP50Micros / 1000.0,
                s.LatencyP95Micros / 1000.0,
                s.LatencyP99Micros / 1000.0,
                s.LatencyMaxMicros / 1000.0))]
            : null;

    /// <summary>The plan's load model: <c>open</c> or <c>closed</c>, or <c>mixed</c> when its scenarios' own loads differ.</summary>
    internal static string Model(LoadPlan plan)
    {
        var models = ScenarioModels(plan).Values.Distinct(StringComparer.Ordinal).ToList();
        return models.Count > 1 ? "mixed" : models.SingleOrDefault() ?? plan.Load.Model.ToString().ToLowerInvariant();
    }

    /// <summary>Each scenario's load model (its own load's, or the plan's), in plan order; empty for a request mix.</summary>
    private static Dictionary<string, string> ScenarioModels(LoadPlan plan)
    {
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scenario in plan.Scenarios)
        {
            models.TryAdd(scenario.Name, (scenario.Load ?? plan.Load).Model.ToString().ToLowerInvariant());
        }

        return models;
    }

    private static GeneratorInfo Generator(RunOutcome outcome) =>
        new(
            Math.Round(outcome.Generator.LagP50Ms, 3),
            Math.Round(outcome.Generator.LagP99Ms, 3),
            Math.Round(outcome.Generator.LagMaxMs, 3),
            Math.Round(outcome.Generator.CpuMean, 3),
            Math.Round(outcome.Generator.CpuMax, 3),
            Math.Round(outcome.Generator.BusyFraction, 3),
            outcome.Generator.Cores,
            outcome.Generator.Saturated)
        {
            LoopBusyFraction = Math.Round(outcome.Generator.LoopBusyFraction, 3),
            ClampedTimings = outcome.Totals.Clamped,
            LagSamples = outcome.Generator.LagSamples,
            LagLate = outcome.Generator.LagLate,
            LagSeconds = outcome.Generator.LagSeconds,
            LagLateSeconds = outcome.Generator.LagLateSeconds,
            SaturatedBy = outcome.Generator.SaturatedBy,
            ConnectionsOpened = outcome.ConnectionsOpened,
            ConnectionsWithStrayBytes = outcome.ConnectionsWithStrayBytes,
        };
}

using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Scheduling;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Results;

/// <summary>Turns what the engine recorded into the immutable <see cref="RunResult"/>: totals, breakdowns, series, verdicts and warnings.</summary>
internal static class ResultBuilder
{
    public static RunResult Build(
        LoadPlan plan,
        RunOutcome outcome,
        ThresholdMonitor thresholds,
        string transportName,
        IReadOnlyDictionary<ErrorKind, string> errorExamples)
    {
        var totals = outcome.Totals;

        // Rates are over the load period, not the drain after it: 1,500 iterations planned at 50/s for 30 s are 50/s, however
        // long the last ones took to finish. Summary, thresholds and this file all divide by the same period.
        var load = outcome.LoadPeriod > TimeSpan.Zero ? outcome.LoadPeriod : outcome.Elapsed;
        var seconds = Math.Max(load.TotalSeconds, 1e-9);
        var verdicts = thresholds.EvaluateFinal(totals, load);
        var thresholdResults = verdicts.Select(v => new ThresholdResult(
            v.Spec.Key,
            v.Spec.Text,
            v.Passed && !ReferenceEquals(v.Spec, thresholds.AbortedBy),
            v.Actual,
            v.Spec.AbortOnFail,
            ReferenceEquals(v.Spec, thresholds.AbortedBy)
                ? string.Create(CultureInfo.InvariantCulture, $"aborted the run at {thresholds.AbortedAt.TotalSeconds:0.0} s")
                : v.Note)).ToList();
        var stages = StageInfos(plan.Load);
        var unanswered = Unanswered(totals);

        // The last tick comes after every request ended, so the last interval's mean is exact up to its end.
        var inFlight = totals.InFlight.Means([.. totals.Intervals.Select(i => i.ElapsedSeconds)], lastIsFinal: true);

        return new RunResult
        {
            RunId = Guid.NewGuid().ToString("N"),
            StartedUtc = outcome.StartedUtc,
            EndedUtc = outcome.EndedUtc,
            DurationSeconds = Math.Round(outcome.Elapsed.TotalSeconds, 3),
            LoadSeconds = Math.Round(load.TotalSeconds, 3),
            Drain = new DrainInfo(Math.Round(Math.Max(0, (outcome.Elapsed - load).TotalSeconds), 3), totals.DrainRequests, totals.DrainFailures),
            Aborted = outcome.AbortReason is not null,
            AbortReason = outcome.AbortReason,
            Passed = thresholdResults.TrueForAll(t => t.Passed) && unanswered is null,
            NotPassedReason = unanswered,
            Plan = new PlanInfo(
                plan.Name,
                plan.Source.Path,
                "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plan.Source.Text))),
                plan.Source.Text,
                plan.Target.ToString(),
                Model(plan),
                plan.Load.Duration.TotalSeconds,
                stages)
            {
                ScenarioModels = ScenarioModels(plan),
            },
            Environment = new EnvironmentInfo(
                System.Environment.MachineName,
                RuntimeInformation.OSDescription,
                RuntimeInformation.FrameworkDescription,
                System.Environment.ProcessorCount,
                typeof(ResultBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
                transportName),
            Metrics = Metrics(totals, seconds, outcome.Iterations),
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
                Stats(r.Latency),
                Stats(r.ServiceTime),
                Stats(r.QueueTime))
            {
                ErrorsByKind = r.Errors.OrderByDescending(e => e.Value).ToDictionary(e => e.Key.ToName(), e => e.Value),
            })],
            Statuses = [.. totals.Statuses.OrderBy(s => s.Key).Select(s => new StatusResult(s.Key, s.Value.Count, Stats(s.Value.Latency)))],
            Errors = [.. totals.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value)
                .Select(e => new ErrorResult(e.Key.ToName(), e.Value, errorExamples.TryGetValue(e.Key, out var example) ? example : Example(e.Key, plan, outcome)))],
            Series = [.. totals.Intervals.Select((i, index) => new IntervalResult(
                Math.Round(i.ElapsedSeconds, 3),
                i.Requests,
                i.Failures,
                i.Dropped,
                i.Active,
                TargetAt(stages, plan.Load.StartTarget, i.ElapsedSeconds),
                i.LatencyP50Micros / 1000.0,
                i.LatencyP95Micros / 1000.0,
                i.LatencyP99Micros / 1000.0,
                i.LatencyMaxMicros / 1000.0,
                i.BytesSent,
                i.BytesReceived)
            {
                InFlight = Math.Round(inFlight[index], 4),
            })],
            Thresholds = thresholdResults,
            Generator = new GeneratorInfo(
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
                ClampedTimings = totals.Clamped,
                LagSamples = outcome.Generator.LagSamples,
                LagLate = outcome.Generator.LagLate,
                LagSeconds = outcome.Generator.LagSeconds,
                LagLateSeconds = outcome.Generator.LagLateSeconds,
                SaturatedBy = outcome.Generator.SaturatedBy,
                ConnectionsOpened = outcome.ConnectionsOpened,
            },
            Checks = [.. totals.Checks.Names.Select((name, i) => new CheckResult(
                name,
                totals.Checks.Passes(i),
                totals.Checks.Fails(i),
                totals.Checks.Passes(i) + totals.Checks.Fails(i) == 0 ? 0 : (double)totals.Checks.Passes(i) / (totals.Checks.Passes(i) + totals.Checks.Fails(i))))],
            ScriptErrors = outcome.ScriptErrors,
            Groups = Groups(plan, totals),
            Warnings = Warnings(plan, outcome, seconds),
        };
    }

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

    private static List<GroupResult> Groups(LoadPlan plan, RecorderTotals totals)
    {
        var members = Flows.FlowRunner.GroupMembers(plan.Scenarios);
        var groups = new List<GroupResult>();
        for (var i = 0; i < totals.Groups.Names.Count; i++)
        {
            var name = totals.Groups.Names[i];
            var steps = members.TryGetValue(name, out var indexes) ? indexes.Select(x => totals.PerRequest[x]).ToList() : [];
            LatencyHistogram Merged(Func<RequestTotals, LatencyHistogram> pick)
            {
                var merged = new LatencyHistogram();
                steps.ForEach(step => merged.Add(pick(step)));
                return merged;
            }

            groups.Add(new GroupResult(name, Stats(totals.Groups.Totals[i]))
            {
                Requests = steps.Sum(s => s.Requests),
                Failures = steps.Sum(s => s.Failures),
                StepLatency = Stats(Merged(s => s.Latency)),
                ServiceTime = Stats(Merged(s => s.ServiceTime)),
                QueueTime = Stats(Merged(s => s.QueueTime)),
                ErrorsByKind = steps.SelectMany(s => s.Errors).GroupBy(e => e.Key).OrderByDescending(g => g.Sum(e => e.Value)).ToDictionary(g => g.Key.ToName(), g => g.Sum(e => e.Value)),
            });
        }

        return groups;
    }

    /// <summary>
    /// Why the run cannot pass whatever its thresholds say: requests were sent and not one got a response (all refused, reset,
    /// timed out or abandoned), so no figure describes the service. Null when some response arrived (or nothing was sent).
    /// </summary>
    private static string? Unanswered(RecorderTotals totals)
    {
        if (totals.Requests == 0 || totals.Responses > 0)
        {
            return null;
        }

        var kinds = string.Join(", ", totals.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key.ToName()} {e.Value:#,0}")));
        return string.Create(CultureInfo.InvariantCulture, $"no request got a response: {totals.Requests:#,0} sent, all failed ({kinds})");
    }

    /// <summary>An example message for a kind the engine, not the transport, decides: an abandoned request has no transport message.</summary>
    private static string? Example(ErrorKind kind, LoadPlan plan, RunOutcome outcome) =>
        kind == ErrorKind.Abandoned ? $"sent, and no response when {GraceEnd(plan, outcome)}" : null;

    /// <summary>
    /// What ended the wait for requests in flight, with the figure actually given: after Ctrl-C that is the interrupt grace
    /// (2 s), not the plan's graceful stop, and a second Ctrl-C gave none.
    /// </summary>
    private static string GraceEnd(LoadPlan plan, RunOutcome outcome)
    {
        var grace = outcome.Grace ?? plan.Load.GracefulStop;
        return outcome.CutShort ? "a second Ctrl-C stopped the run at once"
            : outcome.Interrupted ? string.Create(CultureInfo.InvariantCulture, $"the grace after the interrupt ({grace.TotalSeconds:0.###} s) ran out")
            : string.Create(CultureInfo.InvariantCulture, $"the graceful stop ({grace.TotalSeconds:0.###} s) ran out");
    }

    /// <summary>The metric key of the latency of expected responses, as k6 names the sub-metric.</summary>
    public const string ExpectedDurationKey = "http_req_duration{expected_response:true}";

    /// <summary>Milliseconds statistics of a microsecond histogram, with the histogram encoded for later merging.</summary>
    public static DurationStats Stats(LatencyHistogram h) =>
        h.TotalCount == 0
            ? new DurationStats(0, 0, 0, 0, 0, 0, 0, 0, 0, h.Encode())
            : new DurationStats(
                h.TotalCount,
                Ms(h.Min),
                Math.Round(h.Mean / 1000.0, 4),
                Ms(h.ValueAtPercentile(50)),
                Ms(h.ValueAtPercentile(90)),
                Ms(h.ValueAtPercentile(95)),
                Ms(h.ValueAtPercentile(99)),
                Ms(h.ValueAtPercentile(99.9)),
                Ms(h.Max),
                h.Encode());

    private static double Ms(long micros) => micros / 1000.0;

    private static Dictionary<string, MetricResult> Metrics(RecorderTotals totals, double seconds, long? iterations)
    {
        var metrics = new Dictionary<string, MetricResult>(StringComparer.Ordinal)
        {
            ["http_reqs"] = Counter(totals.Requests, seconds, null),
            ["http_req_duration"] = Trend(totals.Latency),
            [ExpectedDurationKey] = Trend(totals.ExpectedLatency),
            ["http_req_service_time"] = Trend(totals.ServiceTime),
            ["http_req_queue_time"] = Trend(totals.QueueTime),
            ["http_req_failed"] = new MetricResult
            {
                Type = "rate",
                Rate = totals.Requests == 0 ? 0 : (double)totals.Failures / totals.Requests,
                Passes = totals.Failures,
                Fails = totals.Requests - totals.Failures,
            },
            ["iterations"] = Counter(iterations ?? totals.Requests, seconds, null),
            ["dropped_iterations"] = Counter(totals.Dropped, seconds, null),
            ["data_sent"] = Counter(totals.BytesSent, seconds, "B"),
            ["data_received"] = Counter(totals.BytesReceived, seconds, "B"),
            ["vus"] = new MetricResult { Type = "gauge", Value = totals.ActiveValue, Min = totals.ActiveMin, Max = totals.ActiveMax },
        };
        if (totals.Groups.Names.Count > 0)
        {
            var all = new LatencyHistogram();
            foreach (var group in totals.Groups.Totals)
            {
                all.Add(group);
            }

            metrics["group_duration"] = Trend(all);
        }

        var custom = totals.Custom;
        for (var i = 0; i < custom.Specs.Count; i++)
        {
            metrics[custom.Specs[i].Name] = custom.Specs[i].Kind switch
            {
                MetricKind.Trend => Trend(custom.Trends[i]!),
                MetricKind.Rate => new MetricResult { Type = "rate", Rate = custom.Totals(i) == 0 ? 0 : (double)custom.Trues(i) / custom.Totals(i), Passes = custom.Trues(i), Fails = custom.Totals(i) - custom.Trues(i) },
                _ => Counter(custom.Trues(i), seconds, null),
            };
        }

        if (totals.Checks.Names.Count > 0)
        {
            var passes = totals.Checks.TotalPasses;
            var fails = totals.Checks.TotalFails;
            metrics["checks"] = new MetricResult { Type = "rate", Rate = passes + fails == 0 ? 0 : (double)passes / (passes + fails), Passes = passes, Fails = fails };
        }

        return metrics;
    }

    private static MetricResult Counter(long count, double seconds, string? unit) =>
        new() { Type = "counter", Unit = unit, Count = count, Rate = count / seconds };

    private static MetricResult Trend(LatencyHistogram h)
    {
        var s = Stats(h);
        return new MetricResult
        {
            Type = "trend",
            Unit = "ms",
            Count = s.Count,
            Min = s.Min,
            Mean = s.Mean,
            P50 = s.P50,
            P90 = s.P90,
            P95 = s.P95,
            P99 = s.P99,
            P999 = s.P999,
            Max = s.Max,
            Histogram = s.Histogram,
        };
    }

    private static List<StageInfo> StageInfos(LoadProfile load)
    {
        var list = new List<StageInfo>(load.Stages.Count);
        var start = 0.0;
        var from = load.StartTarget;
        foreach (var stage in load.Stages)
        {
            list.Add(new StageInfo(start, stage.Duration.TotalSeconds, from, stage.Target));
            start += stage.Duration.TotalSeconds;
            from = stage.Target;
        }

        return list;
    }

    /// <summary>The planned target at <paramref name="t"/> seconds: linear within a stage, the last target after the plan.</summary>
    internal static double TargetAt(IReadOnlyList<StageInfo> stages, double startTarget, double t)
    {
        foreach (var s in stages)
        {
            if (t <= s.StartSeconds + s.DurationSeconds)
            {
                var f = s.DurationSeconds <= 0 ? 1 : Math.Clamp((t - s.StartSeconds) / s.DurationSeconds, 0, 1);
                return s.From + ((s.To - s.From) * f);
            }
        }

        return stages.Count == 0 ? startTarget : stages[^1].To;
    }

    private static List<string> Warnings(LoadPlan plan, RunOutcome outcome, double seconds)
    {
        var totals = outcome.Totals;
        var warnings = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        if (outcome.Generator.Warning() is { } saturated)
        {
            warnings.Add(saturated);
        }

        if (totals.Clamped > 0)
        {
            warnings.Add(string.Create(inv, $"{totals.Clamped:#,0} of {totals.Requests:#,0} requests had timestamps out of order (sent before their intended start, or answered before they were sent): their negative queue or service time was floored to 0, so the latency figures are not exact. This is a bug in Pacer; please report it."));
        }

        if (outcome.AbortReason is not null)
        {
            warnings.Add($"the run was aborted: {outcome.AbortReason}; the numbers cover {seconds.ToString("0.0", inv)} s of {plan.Load.Duration.TotalSeconds.ToString("0.0", inv)} s planned");
        }

        if (totals.Dropped > 0)
        {
            var offered = totals.Requests + totals.Dropped; // abandoned requests are among the requests
            warnings.Add(string.Create(inv,
                $"{totals.Dropped:#,0} of {offered:#,0} arrivals ({100.0 * totals.Dropped / offered:0.##}%) were dropped: they waited longer than max_queue_wait ({plan.Load.MaxQueueWait.TotalSeconds:0.###} s) for one of {plan.Load.MaxConnections} connections, or were still waiting when the run ended. The service (or the pool) could not keep up with the planned rate."));
        }

        if (outcome.Abandoned > 0)
        {
            warnings.Add(string.Create(inv, $"{outcome.Abandoned:#,0} requests were still in flight when {GraceEnd(plan, outcome)} and were abandoned: they count as failed (error kind abandoned) and enter http_req_duration with the time they had waited, a lower bound on their latency; they have no service or queue time."));
        }

        if (totals.Failures > 0)
        {
            var kinds = string.Join(", ", totals.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value).Select(e => string.Create(inv, $"{e.Key.ToName()} {e.Value:#,0}")));
            warnings.Add(string.Create(inv, $"{totals.Failures:#,0} of {totals.Requests:#,0} requests failed ({100.0 * totals.Failures / Math.Max(1, totals.Requests):0.##}%): {kinds}"));
        }

        if (plan.Load.Model == LoadModel.Open && outcome.AbortReason is null && plan.Load.MaxRequests is null)
        {
            var planned = new ArrivalSchedule(plan.Load).ExpectedCount;
            var achieved = totals.Requests + totals.Dropped;
            if (planned >= 100 && achieved < planned * 0.98)
            {
                warnings.Add(string.Create(inv, $"the generator offered {achieved:#,0} of {planned:#,0} planned arrivals ({100.0 * achieved / planned:0.#}%): Pacer itself could not keep the planned rate."));
            }
        }

        foreach (var error in outcome.ScriptErrors)
        {
            warnings.Add(string.Create(inv, $"script error at {error.Location} (step '{error.Step}', {error.Kind}): {error.FirstMessage} — {error.Count:#,0} time{(error.Count == 1 ? "" : "s")}"));
        }

        var failedChecks = totals.Checks.TotalFails;
        if (failedChecks > 0)
        {
            var worst = string.Join(", ", totals.Checks.Names.Select((n, i) => (n, f: totals.Checks.Fails(i))).Where(x => x.f > 0).OrderByDescending(x => x.f).Take(5).Select(x => string.Create(inv, $"'{x.n}' {x.f:#,0}")));
            warnings.Add(string.Create(inv, $"{failedChecks:#,0} of {failedChecks + totals.Checks.TotalPasses:#,0} checks failed: {worst}"));
        }

        return warnings;
    }
}

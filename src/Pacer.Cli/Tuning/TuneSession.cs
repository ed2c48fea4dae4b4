using System.Globalization;
using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Analysis.Tuning;
using Pacer.Core.Plans;
using Pacer.Core.Plans.Tuning;
using Pacer.Core.Results;
using Pacer.Reports.Tuning;

namespace Pacer.Cli.Tuning;

/// <summary>
/// <c>pacer tune</c>'s loop: ask the search for settings, measure them (a restart and a run), record the trial and write the
/// report, until the budget is spent; then recommend, compute the sensitivity, and confirm the winner against the default
/// settings with compare's statistics. Ctrl-C keeps every finished trial (<c>--resume</c> continues), exit 130.
/// </summary>
internal sealed class TuneSession(TuneSpec spec, LoadPlan plan, TuneSettings settings, TextWriter output, TextWriter error)
{
    private readonly TuningSpace space = new([.. spec.Knobs.Select(k => new TuningDimension(k.Name, k.Levels))]);
    private readonly bool higher = ObjectiveReading.HigherIsBetter(spec.Objective);
    private readonly string unit = ObjectiveReading.Unit(spec.Objective);

    private TunerOptions Options => new()
    {
        Budget = settings.Trials ?? spec.Trials,
        Seed = spec.Seed,
        Method = spec.Search switch
        {
            TuneSearch.Grid => TuningMethod.Grid,
            TuneSearch.Bayesian => TuningMethod.Bayesian,
            TuneSearch.Random => TuningMethod.Random,
            TuneSearch.Forest => TuningMethod.Forest,
            _ => TuningMethod.Auto,
        },
    };

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        TuningMethod method;
        try
        {
            method = Tuner.Resolve(space, Options);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{spec.Path}: search: grid: {e.Message}");
        }

        var report = Start(method);
        var runner = new TrialRunner(spec, plan, settings.Transport, TrialService.LogPathFor(settings.OutPath));
        var trials = report.Trials.ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"tuning {spec.Name}: {spec.Knobs.Count} knob{(spec.Knobs.Count == 1 ? string.Empty : "s")}, {(space.Size is { } size ? $"{size} settings" : "continuous")}, {Options.Budget} trials, {Describe(method)}, objective {report.Objective} ({(higher ? "higher" : "lower")} is better)"));
        if (trials.Count > 0)
        {
            await output.WriteLineAsync($"resuming after {trials.Count} trial{(trials.Count == 1 ? string.Empty : "s")} from {settings.OutPath}");
        }

        // The search.
        while (trials.Count(t => t.Phase == "search") < Options.Budget)
        {
            var search = trials.Where(t => t.Phase == "search").ToList();
            var point = Tuner.Next(space, [.. search.Select(ToTuning)], Options);
            var values = Values(point);
            var best = search.Where(t => t is { Feasible: true, Value: not null }).Select(t => t.Value!.Value).DefaultIfEmpty(double.NaN);
            var started = DateTimeOffset.UtcNow;
            var measured = await runner.RunAsync(values, best.Any(v => !double.IsNaN(v)) ? (higher ? best.Max() : best.Min()) : null, cancellationToken);
            if (measured.Interrupted || cancellationToken.IsCancellationRequested)
            {
                return await InterruptedAsync(report with { Trials = trials });
            }

            var trial = Record(trials.Count + 1, "search", values, point, measured, started);
            trials.Add(trial);
            await WriteLineAsync(trial, search.Count + 1);
            report = report with { Trials = trials, WrittenUtc = DateTimeOffset.UtcNow };
            await TuneJournal.WriteAsync(report, settings.OutPath);
        }

        // The recommendation and the sensitivity.
        var searched = trials.Where(t => t.Phase == "search").ToList();
        var chosen = Tuner.Recommend(space, [.. searched.Select(ToTuning)], spec.Seed);
        report = report with { Sensitivity = Sensitivity(searched) };
        if (chosen < 0)
        {
            report = report with { Status = "no feasible setting", WrittenUtc = DateTimeOffset.UtcNow, Warnings = [.. report.Warnings, "no trial met every threshold and SLO target: there is no setting to recommend"] };
            await FinishAsync(report);
            return ExitCodes.CriteriaFailed;
        }

        var winner = searched[chosen];
        report = report with { Best = winner.Number, BestSettings = winner.Settings, BestModelled = Modelled(searched, winner) };

        // The confirmation: the winner against the defaults, runs alternating, judged by compare's statistics.
        if (spec.ConfirmRuns > 0 && spec.Defaults() is { } defaults)
        {
            if (defaults.All(d => winner.Settings[d.Key] == d.Value))
            {
                report = report with { Warnings = [.. report.Warnings, "the best settings are the defaults: nothing to confirm"] };
            }
            else
            {
                await output.WriteLineAsync($"confirming: {spec.ConfirmRuns} runs each of the defaults and the best settings, alternating");
                for (var i = 0; i < spec.ConfirmRuns; i++)
                {
                    foreach (var (phase, values) in new[] { ("default", defaults), ("best", winner.Settings) })
                    {
                        var point = spec.Knobs.Select(k => k.UnitOf(values[k.Name]) ?? 0).ToArray();
                        var started = DateTimeOffset.UtcNow;
                        var measured = await runner.RunAsync(values, null, cancellationToken);
                        if (measured.Interrupted || cancellationToken.IsCancellationRequested)
                        {
                            return await InterruptedAsync(report with { Trials = trials });
                        }

                        var file = await SaveResultAsync(measured.Result, $"{phase}-{i + 1}");
                        var trial = Record(trials.Count + 1, phase, values, point, measured, started) with { ResultFile = file };
                        trials.Add(trial);
                        await WriteLineAsync(trial, null);
                        report = report with { Trials = trials, WrittenUtc = DateTimeOffset.UtcNow };
                        await TuneJournal.WriteAsync(report, settings.OutPath);
                    }
                }

                report = Confirm(report, trials);
            }
        }
        else if (spec.ConfirmRuns > 0)
        {
            report = report with { Warnings = [.. report.Warnings, "not confirmed: a knob has no default"] };
        }

        report = report with { Status = "done", WrittenUtc = DateTimeOffset.UtcNow };
        await FinishAsync(report);
        return ExitCodes.Passed;
    }

    private TuneReport Start(TuningMethod method)
    {
        var sha = TuneJournal.Sha256Of(spec.Path);
        var fresh = new TuneReport
        {
            Name = spec.Name,
            TuneFile = spec.Path,
            TuneFileSha256 = sha,
            Objective = ObjectiveReading.Name(spec.Objective),
            Unit = unit,
            HigherIsBetter = higher,
            Method = Describe(method),
            Budget = Options.Budget,
            Seed = spec.Seed,
            Knobs = [.. spec.Knobs.Select(k => k.Name)],
            StartedUtc = DateTimeOffset.UtcNow,
            DefaultSettings = spec.Defaults(),
        };
        if (!File.Exists(settings.OutPath))
        {
            return settings.Resume ? throw new UsageException($"--resume: {settings.OutPath} does not exist; start without --resume") : fresh;
        }

        if (!settings.Resume)
        {
            var existing = TryRead(settings.OutPath);
            if (existing is { Trials.Count: > 0 })
            {
                throw new UsageException($"{settings.OutPath} holds {existing.Trials.Count} trials of a tuning: --resume continues it; to start over, remove it or give another --out");
            }

            return fresh;
        }

        var old = TuneJournal.Read(settings.OutPath);
        if (old.TuneFileSha256 != sha)
        {
            throw new UsageException($"--resume: {settings.OutPath} was written for another version of {spec.Path} (its SHA-256 differs); the trials would not match the knobs — remove it or give another --out to start over");
        }

        // A search resumed with another method (a budget changed across the grid's size, another search:) would not continue
        // the one that chose these trials.
        if (old.Method != fresh.Method)
        {
            throw new UsageException($"--resume: the trials in {settings.OutPath} were chosen by the {old.Method} search, and this run would use {fresh.Method} (search: and trials: decide it); resume with the same settings");
        }

        // Only the search's trials carry over: a confirmation cut short is run again whole, so both sides keep alternating.
        return fresh with { StartedUtc = old.StartedUtc, Trials = [.. old.Trials.Where(t => t.Phase == "search")] };
    }

    private static TuneReport? TryRead(string path)
    {
        try
        {
            return TuneJournal.Read(path);
        }
        catch (UsageException)
        {
            // Not a tune report: overwriting it loses no trial.
            return null;
        }
    }

    private async Task<int> InterruptedAsync(TuneReport report)
    {
        report = report with { Status = "interrupted", WrittenUtc = DateTimeOffset.UtcNow };
        await TuneJournal.WriteAsync(report, settings.OutPath);
        await error.WriteLineAsync($"pacer: interrupted; {report.Trials.Count} finished trial{(report.Trials.Count == 1 ? " is" : "s are")} kept in {settings.OutPath} (pacer tune {spec.Path} --resume continues)");
        return ExitCodes.Interrupted;
    }

    private async Task FinishAsync(TuneReport report)
    {
        await TuneJournal.WriteAsync(report, settings.OutPath);
        await TuneConsole.WriteAsync(report, output);
        await output.WriteLineAsync($"report written to {settings.OutPath}");
        if (settings.HtmlPath is { } html)
        {
            await File.WriteAllTextAsync(html, Reports.Html.TuneHtmlWriter.Write(report));
            await output.WriteLineAsync($"HTML page written to {html}");
        }
    }

    private TuneReport Confirm(TuneReport report, List<TuneTrialRecord> trials)
    {
        var defaults = trials.Where(t => t.Phase == "default").ToList();
        var best = trials.Where(t => t.Phase == "best").ToList();
        var direction = higher ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter;
        // The objective is the one question the confirmation asks, so it is compared on its own: corrected for the other rows
        // too (Holm over p50, p95, p99, rps, errors …), a real gain could be called inconclusive only for having company. The
        // other rows are compared separately, as what else changed.
        RunData Objective(TuneTrialRecord t) => new(
            $"trial {t.Number}",
            InputFormat.Pacer,
            t.Value is { } value ? [new Observation("tune", report.Objective, unit, direction, ObservationKind.Throughput, value, [])] : []);
        RunData Others(TuneTrialRecord t) => new(
            $"trial {t.Number}",
            InputFormat.Pacer,
            // A capacity trial's file is only its last step: its rows would compare steps, not settings.
            spec.Objective != TuneObjective.Capacity && t.ResultFile is { } file && File.Exists(file) ? RunFileReader.Read(file).Observations : []);

        var options = new Analysis.Compare.CompareOptions();
        var comparison = RunComparer.Compare([.. defaults.Select(Objective)], [.. best.Select(Objective)], options);
        var others = RunComparer.Compare([.. defaults.Select(Others)], [.. best.Select(Others)], options);
        var row = comparison.Rows.FirstOrDefault(r => r.Group == "tune");
        if (row is null)
        {
            return report with { Warnings = [.. report.Warnings, "the confirmation measured no objective on one side; the winner is not confirmed"] };
        }

        var verdict = row.Verdict.ToString().ToLowerInvariant();
        var confirmation = new TuneConfirmation(
            [.. defaults.Select(t => t.Value ?? double.NaN)],
            [.. best.Select(t => t.Value ?? double.NaN)],
            verdict,
            row.Change,
            row.Lower,
            row.Upper,
            row.AdjustedP ?? row.PValue,
            row.Method)
        {
            Other = [.. others.Rows.Where(r => r.Group == PacerGroups.All && r.Verdict is Verdict.Regressed or Verdict.Improved).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Metric} {r.Verdict.ToString().ToLowerInvariant()}: {TuneConsole.Number(r.Baseline)} → {TuneConsole.Number(r.Current)} {r.Unit}"))],
        };
        var warnings = report.Warnings.ToList();
        if (row.Verdict != Verdict.Improved)
        {
            warnings.Add($"not confirmed: against the defaults the best settings are {verdict} over {spec.ConfirmRuns} runs a side; keep the defaults unless more runs say otherwise");
        }

        if (best.Any(t => !t.Feasible))
        {
            warnings.Add("a confirmation run of the best settings broke a threshold or SLO target");
        }

        return report with { Confirmation = confirmation, Warnings = warnings };
    }

    private async Task<string?> SaveResultAsync(RunResult? result, string name)
    {
        if (result is null)
        {
            return null;
        }

        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.OutPath))!, Path.GetFileNameWithoutExtension(settings.OutPath) + ".runs");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".json");
        await ResultFile.WriteAsync(result, path, CancellationToken.None);
        return path;
    }

    private IReadOnlyList<TuneSensitivityRow> Sensitivity(List<TuneTrialRecord> searched)
    {
        var rows = Tuner.Sensitivity(space, [.. searched.Select(ToTuning)], spec.Seed);
        return [.. rows.Select((r, i) => new TuneSensitivityRow(
            r.Name,
            r.Range,
            r.Share,
            [.. r.Levels.Select(spec.Knobs[i].ValueAt)],
            [.. r.Values.Select(v => higher ? v : -v)]))];
    }

    private double? Modelled(List<TuneTrialRecord> searched, TuneTrialRecord winner)
    {
        var same = searched.Where(t => t.Value is not null && t.Settings.All(s => winner.Settings[s.Key] == s.Value)).Select(t => t.Value!.Value).ToList();
        return same.Count > 0 ? same.Average() : null;
    }

    private Dictionary<string, string> Values(double[] point) =>
        spec.Knobs.Select((k, i) => (k.Name, Value: k.ValueAt(point[i]))).ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal);

    /// <summary>A recorded trial as the search sees it: maximised (a quantity to minimise negated).</summary>
    private TuningTrial ToTuning(TuneTrialRecord t) => new(t.Point, t.Value is { } v ? (higher ? v : -v) : null, t.Feasible);

    private static TuneTrialRecord Record(int number, string phase, IReadOnlyDictionary<string, string> values, IReadOnlyList<double> point, TrialMeasurement m, DateTimeOffset started) => new()
    {
        Number = number,
        Phase = phase,
        Settings = values,
        Point = point,
        Value = m.Value,
        Feasible = m.Feasible,
        Pruned = m.Pruned,
        Problem = m.Problem,
        Breaches = m.Breaches,
        Rps = m.Rps,
        P99 = m.P99,
        CpuMsPerRequest = m.CpuMsPerRequest,
        Seconds = (DateTimeOffset.UtcNow - started).TotalSeconds,
    };

    private async Task WriteLineAsync(TuneTrialRecord trial, int? searchNumber)
    {
        var label = searchNumber is { } n ? $"trial {n}/{Options.Budget}" : $"confirm {trial.Phase}";
        await output.WriteLineAsync(TuneConsole.TrialLine(label, trial, unit));
    }

    private static string Describe(TuningMethod method) => method switch
    {
        TuningMethod.Grid => "grid",
        TuningMethod.Random => "random",
        TuningMethod.Forest => "forest",
        _ => "bayesian",
    };
}

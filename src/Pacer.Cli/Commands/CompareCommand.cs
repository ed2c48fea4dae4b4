using System.CommandLine;
using System.Globalization;
using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Cli.Parsing;
using Pacer.Cli.Pipeline;
using Pacer.Reports.Compare;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer compare BASE... --current CURRENT...</c>: a regression verdict with confidence intervals (docs/compare.md).</summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var baseline = new Argument<string[]>("baseline") { Description = "Baseline files (globs allowed, quoted), or history:BRANCH~N — the newest N runs of a branch in the history.", Arity = ArgumentArity.ZeroOrMore };
        var baselineOption = new Option<string[]>("--baseline") { Description = "Baseline files or history:BRANCH~N, as the baseline argument (repeatable).", AllowMultipleArgumentsPerToken = true };
        var history = HistoryCli.StoreOption();
        var historyPlan = new Option<string?>("--plan") { Description = "With history:BRANCH~N, the plan whose runs are taken (default: the current results' plan, or the branch's only one)." };
        var current = new Option<string[]>("--current", "-c") { Description = "Current files (globs allowed, quoted).", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true, Required = true };
        var threshold = new Option<string[]>("--threshold", "-t") { Description = "Change that matters: 5% (all metrics) or p99=10% (one metric); repeatable.", AllowMultipleArgumentsPerToken = false };
        var noise = new Option<string>("--noise") { Description = "Latency differences below this are ignored, e.g. 0.05ms.", DefaultValueFactory = _ => "0.05ms" };
        var errorGate = new Option<string>("--error-gate") { Description = "Error-rate rise that matters, in percentage points, e.g. 0.5%.", DefaultValueFactory = _ => "0.5%" };
        var format = new Option<InputFormat?>("--format") { Description = "Read every file as this format instead of detecting it." };
        var md = new Option<string?>("--md") { Description = "Also write the table as Markdown (a PR comment) to this file." };
        var json = new Option<string?>("--json") { Description = "Also write the comparison as JSON (pacer.compare/v1) to this file." };
        var junit = new Option<string?>("--junit") { Description = "Also write JUnit XML (each row a test case; regressions fail) to this file." };
        var command = new Command("compare", "Compare baseline runs with current runs: confidence intervals, four-state verdicts, exit 99 on a regression.")
        {
            baseline, current, threshold, noise, errorGate, format, md, json, junit, baselineOption, history, historyPlan,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var forced = parse.GetValue(format);
            var options = Options(parse.GetValue(threshold) ?? [], parse.GetValue(noise)!, parse.GetValue(errorGate)!);
            string[] baseArguments = [.. parse.GetValue(baseline) ?? [], .. parse.GetValue(baselineOption) ?? []];
            if (baseArguments.Length == 0)
            {
                throw new UsageException("compare needs a baseline: files (pacer compare base.json --current new.json) or history:BRANCH~N (the newest N runs of a branch in the history)");
            }

            var fromHistory = baseArguments.Where(Pacer.History.HistoryBaseline.Names).ToList();
            var (basePaths, currentPaths) = (Expand([.. baseArguments.Except(fromHistory)]), Expand(parse.GetValue(current) ?? []));
            OutputPaths.Check([("--md", parse.GetValue(md)), ("--json", parse.GetValue(json)), ("--junit", parse.GetValue(junit))], [.. basePaths, .. currentPaths]);
            var baseRuns = Read(basePaths, forced);
            var currentRuns = Read(currentPaths, forced);
            if (fromHistory.Count > 0)
            {
                var loaded = await HistoryCli.BaselineAsync(fromHistory, parse.GetValue(history), parse.GetValue(historyPlan), currentRuns, error, cancellationToken);
                if (loaded is null)
                {
                    return ExitCodes.RuntimeFailure;
                }

                baseRuns.AddRange(loaded);
            }
            var report = RunComparer.Compare(baseRuns, currentRuns, options);
            if (report.Rows.Count == 0)
            {
                throw new UsageException("the two sides have no quantity in common (compare files of the same kind: Pacer results with Pacer results, go bench with go bench …)");
            }

            CompareConsoleRenderer.Render(report, ConsoleFactory.ForStandardOutput(output));
            var written = await ReportFiles.WriteOneAsync(parse.GetValue(md), () => CompareMarkdownWriter.Write(report), "Markdown comparison", null, error);
            written &= await ReportFiles.WriteOneAsync(parse.GetValue(json), () => CompareJsonWriter.Write(report), "JSON comparison", null, error);
            written &= await ReportFiles.WriteOneAsync(parse.GetValue(junit), () => CompareJUnitWriter.Write(report), "JUnit comparison", null, error);

            // A file that could not be written is a runtime failure even beside a regression: CI must not read a stale file as this verdict.
            return !written ? ExitCodes.RuntimeFailure : report.Regressed ? ExitCodes.CriteriaFailed : ExitCodes.Passed;
        });
        return command;
    }

    private static Pacer.Analysis.Compare.CompareOptions Options(string[] thresholds, string noise, string errorGate)
    {
        var all = 0.05;
        var perMetric = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in thresholds)
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            var value = Percent(eq < 0 ? text : text[(eq + 1)..], "--threshold");
            if (eq < 0)
            {
                all = value;
            }
            else
            {
                perMetric[text[..eq].Trim()] = value;
            }
        }

        var noiseMs = noise.EndsWith("ms", StringComparison.Ordinal) ? Number(noise[..^2], "--noise")
            : noise.EndsWith("us", StringComparison.Ordinal) || noise.EndsWith("µs", StringComparison.Ordinal) ? Number(noise[..^2], "--noise") / 1000
            : noise.EndsWith('s') ? Number(noise[..^1], "--noise") * 1000
            : throw new UsageException($"--noise '{noise}' needs a unit, e.g. 0.05ms or 50us");
        return new Pacer.Analysis.Compare.CompareOptions { Threshold = all, MetricThresholds = perMetric, NoiseFloorMs = noiseMs, ErrorRateGate = Percent(errorGate, "--error-gate") };
    }

    /// <summary>A tolerance or gate share: above 0, below 1000% (a 10x change is the largest a threshold means).</summary>
    private static double Percent(string text, string option) => ShareOption.Parse(text, option, zeroAllowed: false, max: 10, maxAllowed: false);

    private static double Number(string text, string option) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{option}: '{text}' is not a number");

    /// <summary>Expands <c>*</c> and <c>?</c> in file names (quoted globs reach Pacer unexpanded); other paths pass through.</summary>
    private static List<string> Expand(string[] patterns)
    {
        var files = new List<string>();
        foreach (var pattern in patterns)
        {
            var name = Path.GetFileName(pattern);
            if (name.IndexOfAny(['*', '?']) < 0)
            {
                files.Add(pattern);
                continue;
            }

            var directory = Path.GetDirectoryName(pattern) is { Length: > 0 } d ? d : ".";
            var matches = Directory.Exists(directory) ? Directory.GetFiles(directory, name).Order(StringComparer.Ordinal).ToList() : [];
            if (matches.Count == 0)
            {
                throw new UsageException($"{pattern}: no file matches");
            }

            files.AddRange(matches);
        }

        return files;
    }

    private static List<RunData> Read(List<string> paths, InputFormat? forced)
    {
        try
        {
            return [.. paths.Select(p => RunFileReader.Read(p, forced))];
        }
        catch (InputFormatException e)
        {
            throw new UsageException(e.Message);
        }
    }
}

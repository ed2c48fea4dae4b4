using System.CommandLine;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Thresholds;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary>
/// <c>pacer check RESULT.json [--thresholds FILE.yaml] [--threshold 'metric: expr' …]</c>: judges thresholds on a saved run, with
/// the verdicts and actual values the run itself would have given them; exits 0 when all pass, 99 when one fails, as <c>pacer run</c>.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output)
    {
        var resultPath = new Argument<string>("result") { Description = "A result file written by pacer run (pacer.run/v1)." };
        var file = new Option<string?>("--thresholds") { Description = "A YAML file whose thresholds: section to judge (a plan file works)." };
        var inline = new Option<string[]>("--threshold", "-t") { Description = "A threshold 'metric{tags}: expression', e.g. 'http_req_duration{name:login}: p(95)<50ms' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("check", "Judge thresholds on a saved run: the same verdicts the run would have given; exit 99 when one fails.")
        {
            resultPath, file, inline,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(resultPath)!;
            var options = parse.GetValue(inline) ?? [];
            if (parse.GetValue(file) is null && options.Length == 0)
            {
                throw new UsageException("check needs thresholds to judge: --thresholds FILE.yaml or --threshold 'metric: expression'");
            }

            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such result file");
            }

            RunResult result;
            try
            {
                result = await ResultFile.ReadAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{path}: cannot be read ({e.Message})");
            }

            List<ThresholdSpec> thresholds = parse.GetValue(file) is { } yaml ? [.. ResultThresholds.ReadFile(result, yaml)] : [];
            thresholds.AddRange(options.SelectMany((text, i) => ResultThresholds.ReadOption(result, text, $"--threshold {i + 1}")));
            ThresholdCheck check;
            try
            {
                check = ResultThresholds.Judge(result, thresholds);
            }
            catch (MetricSourceException e)
            {
                throw new UsageException($"{path}: {e.Message}");
            }

            var console = ConsoleFactory.ForStandardOutput(output);
            ThresholdsRenderer.RenderList(result, check.Thresholds, console);
            ThresholdsRenderer.RenderVerdict(check.Thresholds, check.NotPassedReason, console);
            return check.Passed ? ExitCodes.Passed : ExitCodes.CriteriaFailed;
        });
        return command;
    }
}

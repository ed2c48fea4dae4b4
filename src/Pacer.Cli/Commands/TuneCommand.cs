using System.CommandLine;
using Pacer.Cli.Tuning;
using Pacer.Core.Plans;
using Pacer.Core.Plans.Tuning;
using Pacer.Core.Transport;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer tune TUNE.yaml</c>: finds the service settings that maximise capacity or throughput (or minimise p99 or CPU per request) under the SLO (docs/tuning.md).</summary>
internal static class TuneCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("tune-file") { Description = "The tune file (YAML): the service, its knobs, the plan each trial runs, the objective (docs/tuning.md)." };
        var outPath = new Option<string>("--out", "-o") { Description = "The report (pacer.tune/v1 JSON), written after every trial; --resume continues from it.", DefaultValueFactory = _ => "pacer-tune.json" };
        var html = new Option<string?>("--html") { Description = "Also write the tuning's HTML page (best settings, confirmation, sensitivity, every trial) to this file." };
        var resume = new Option<bool>("--resume") { Description = "Continue the tuning in --out after an interruption: its trials are kept and the search goes on where it stopped." };
        var trials = new Option<int?>("--trials") { Description = "Override the tune file's trials (the search's budget)." };
        var transport = new Option<TransportChoice>("--transport") { Description = "The load transport, as for pacer run.", DefaultValueFactory = _ => TransportChoice.Auto };
        var command = new Command("tune", "Find the service settings that maximise capacity or throughput, or minimise p99 or CPU per request, under the SLO: restarts the service per trial, searches, confirms the winner against the defaults.")
        {
            file, outPath, html, resume, trials, transport,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (Directory.Exists(path))
            {
                throw new UsageException($"{path}: is a directory, not a tune file");
            }

            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such tune file");
            }

            if (parse.GetValue(trials) is { } count && count is < 1 or > TuneFile.MaxTrials)
            {
                throw new UsageException($"--trials {count} is outside 1–{TuneFile.MaxTrials}");
            }

            var spec = TuneFile.Load(path);
            var plan = PlanParser.Load(spec.PlanPath);
            if (plan.Watch?.Command is not null)
            {
                throw new UsageException($"{spec.PlanPath}: watch.command starts a service, and the tune file's service: starts it for every trial; remove one of them");
            }

            if (spec.Objective == TuneObjective.Capacity && ConstantLevel.ModelOf(plan) == LoadModel.Closed)
            {
                throw new PlanException([ConstantLevel.LoadError(
                    plan,
                    "objective: capacity searches arrival rates (req/s), and this plan's load is closed (virtual users)",
                    "give the plan model: open with a rate, or keep it closed with no think time and use objective: throughput, which measures the rate its saturated users achieve")]);
            }

            foreach (var slo in spec.SloPaths)
            {
                plan = plan.WithSlo(SloFile.Load(slo));
            }

            if (spec.Duration is { } duration && spec.Objective != TuneObjective.Capacity)
            {
                plan = plan.ScaleTo(duration);
            }

            var settings = new TuneSettings(path, parse.GetValue(outPath)!, parse.GetValue(html), parse.GetValue(resume), parse.GetValue(transport))
            {
                Trials = parse.GetValue(trials),
            };
            Pipeline.OutputPaths.Check([("--out", settings.OutPath), ("--html", settings.HtmlPath), ("the service log", TrialService.LogPathFor(settings.OutPath))], [path, spec.PlanPath, .. spec.SloPaths]);

            using var interrupt = new UserInterrupt(error, TimeSpan.FromSeconds(2));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(interrupt.Token, cancellationToken);
            return await new TuneSession(spec, plan, settings, output, error).RunAsync(linked.Token);
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using Pacer.Analysis.Capacity;
using Pacer.Cli.Parsing;
using Pacer.Cli.Pipeline;
using Pacer.Core.Plans;
using Pacer.Core.Transport;

namespace Pacer.Cli.Commands;

/// <summary>
/// <c>pacer capacity PLAN [--slo FILE]</c>: finds the highest constant load (arrivals per second, or virtual users for a closed
/// plan) at which every threshold and SLO of the plan holds in steady state, with an interval, the knee, a USL fit and a replica
/// plan (docs/capacity.md).
/// </summary>
internal static class CapacityCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var plan = new Argument<string>("plan") { Description = "Plan file (YAML): its requests or scenarios, thresholds and watch: section; its load is replaced by the search's constant steps." };
        var slo = new Option<string[]>("--slo") { Description = "An SLO file whose targets every step must meet beside the plan's thresholds (repeatable).", AllowMultipleArgumentsPerToken = false };
        var start = new Option<double?>("--start") { Description = "The first level tried (req/s, or users for a closed plan); default: the plan's highest stage target." };
        var max = new Option<double?>("--max") { Description = "The highest level the search may try (default 1,000,000 req/s, or 10,000 users)." };
        var min = new Option<double>("--min") { Description = "The lowest level the search may try.", DefaultValueFactory = _ => 1 };
        var precision = new Option<string>("--precision") { Description = "Stop bisecting when the failing level is within this much of the holding one, e.g. 5%.", DefaultValueFactory = _ => "5%" };
        var repeats = new Option<int>("--repeats") { Description = "How many times the boundary is searched; repeats give the capacity its interval.", DefaultValueFactory = _ => 2 };
        var maxSteps = new Option<int>("--max-steps") { Description = "The most steps in all.", DefaultValueFactory = _ => 24 };
        var stepTime = new Option<string>("--step-time") { Description = "The longest a step runs when it does not settle, e.g. 15s.", DefaultValueFactory = _ => "15s" };
        var minStepTime = new Option<string>("--min-step-time") { Description = "The shortest a step runs even when steady sooner, e.g. 5s.", DefaultValueFactory = _ => string.Create(CultureInfo.InvariantCulture, $"{CapacitySettings.DefaultShortestStep.TotalSeconds}s") };
        var pause = new Option<string>("--pause") { Description = "A pause between steps so the service drains the last one's queue, e.g. 1s.", DefaultValueFactory = _ => "1s" };
        var maxErrors = new Option<string>("--max-errors") { Description = "The share of failed requests a step may have when the plan sets no threshold on http_req_failed.", DefaultValueFactory = _ => "1%" };
        var maxTargetCpu = new Option<string?>("--max-target-cpu") { Description = "A step misses when the watched target's mean CPU is above this share of its cores, e.g. 80%." };
        var targetRate = new Option<double?>("--target-rate") { Description = "Plan replicas to serve this many req/s (and print an HPA snippet)." };
        var headroom = new Option<string>("--headroom") { Description = "The share of a replica's capacity it is planned to run at.", DefaultValueFactory = _ => "70%" };
        var deployment = new Option<string>("--deployment") { Description = "The deployment the HPA snippet scales.", DefaultValueFactory = _ => "service" };
        var outPath = new Option<string>("--out", "-o") { Description = "Where to write the capacity report (pacer.capacity/v1 JSON).", DefaultValueFactory = _ => "pacer-capacity.json" };
        var html = new Option<string?>("--html") { Description = "Also write the HTML page (hockey stick, USL curve, target CPU) to this file." };
        var target = new Option<string?>("--target") { Description = "Override the plan's target base URL." };
        var transport = new Option<TransportChoice>("--transport") { Description = "auto, lean, socket or httpclient (as pacer run).", DefaultValueFactory = _ => TransportChoice.Auto };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No line per step while searching." };

        var watch = new WatchFlags();
        var command = new Command("capacity", "Find the highest load that still meets the plan's thresholds and SLOs in steady state.")
        {
            plan, slo, start, max, min, precision, repeats, maxSteps, stepTime, minStepTime, pause, maxErrors, maxTargetCpu, targetRate, headroom, deployment, outPath, html, target, transport, quiet,
        };
        watch.All.ToList().ForEach(command.Options.Add);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var planPath = parse.GetValue(plan)!;
            if (Directory.Exists(planPath))
            {
                throw new UsageException($"{planPath}: is a directory, not a plan file");
            }

            if (!File.Exists(planPath))
            {
                throw new UsageException($"{planPath}: no such plan file");
            }

            var loaded = PlanParser.Load(planPath);
            loaded = PlanOverrides.Apply(loaded, parse.GetValue(target), null);
            var sloPaths = parse.GetValue(slo) ?? [];
            foreach (var sloPath in sloPaths)
            {
                loaded = loaded.WithSlo(SloFile.Load(sloPath));
            }

            loaded = watch.Apply(loaded, parse);
            var closed = ConstantLevel.ModelOf(loaded) == LoadModel.Closed;
            var planned = ConstantLevel.Peak(loaded);
            var searchOptions = new CapacitySearchOptions(
                parse.GetValue(start) ?? Math.Max(planned > 0 ? planned : 10, parse.GetValue(min)),
                parse.GetValue(max) ?? (closed ? 10_000 : 1_000_000),
                parse.GetValue(min))
            {
                Precision = Fraction(parse.GetValue(precision)!, "--precision"),
                Repeats = parse.GetValue(repeats),
                MaxSteps = parse.GetValue(maxSteps),
                WholeLevels = closed,
            };
            try
            {
                searchOptions.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"{e.Message} (--start, --max, --min, --precision, --repeats, --max-steps)");
            }

            var longest = DurationOption.Parse(parse.GetValue(stepTime)!, "--step-time");
            var shortest = DurationOption.Parse(parse.GetValue(minStepTime)!, "--min-step-time");
            if (shortest > longest)
            {
                throw new UsageException($"--min-step-time ({parse.GetValue(minStepTime)}) is longer than --step-time ({parse.GetValue(stepTime)}): a step cannot last at least the one and at most the other");
            }

            var rate = parse.GetValue(targetRate);
            if (rate is { } r && !(r > 0 && double.IsFinite(r)))
            {
                throw new UsageException($"--target-rate {r.ToString(CultureInfo.InvariantCulture)} must be a positive number of requests per second");
            }

            var share = Fraction(parse.GetValue(headroom)!, "--headroom");
            var settings = new CapacitySettings(
                searchOptions,
                new CapacityCriteria
                {
                    MaxErrorRate = Fraction(parse.GetValue(maxErrors)!, "--max-errors", allowZero: true),
                    MaxTargetCpu = parse.GetValue(maxTargetCpu) is { } cpu ? Fraction(cpu, "--max-target-cpu") : null,
                },
                longest,
                shortest)
            {
                OutPath = parse.GetValue(outPath)!,
                HtmlPath = parse.GetValue(html),
                TargetRate = rate,
                Headroom = share,
                Deployment = string.IsNullOrWhiteSpace(parse.GetValue(deployment)) ? throw new UsageException("--deployment is empty: give the name of the deployment the HPA scales") : parse.GetValue(deployment)!,
                Pause = parse.GetValue(pause)!.Trim() is "0" or "0s" ? TimeSpan.Zero : DurationOption.Parse(parse.GetValue(pause)!, "--pause"),
                ShowProgress = !parse.GetValue(quiet),
                Transport = parse.GetValue(transport),
                Inputs = [planPath, .. sloPaths],
            };
            return await CapacityPipeline.ExecuteAsync(loaded, settings, output, error, cancellationToken);
        });
        return command;
    }

    /// <summary>A share of the capacity or of a whole: above 0 (or 0 itself when allowed), at most 100%.</summary>
    internal static double Fraction(string text, string option, bool allowZero = false) =>
        ShareOption.Parse(text, option, zeroAllowed: allowZero, max: 1, maxAllowed: true);
}

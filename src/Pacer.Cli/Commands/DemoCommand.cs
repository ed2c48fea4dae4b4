using System.CommandLine;
using Pacer.Cli.Pipeline;
using Pacer.Core.Plans;
using Pacer.DemoTarget;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer demo</c>: starts the embedded demo target on a free loopback port, runs the bundled demo plan against it, and stops it.</summary>
internal static class DemoCommand
{
    /// <summary>The bundled plan's name as it appears in messages and the result file.</summary>
    public const string PlanPath = "examples/demo.yaml";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var outPath = new Option<string>("--out", "-o") { Description = "Where to write the result file.", DefaultValueFactory = _ => "pacer-demo.json" };
        var duration = new Option<string?>("--duration", "-d") { Description = "Shorten or lengthen the demo: scales the bundled plan's stages to this total, e.g. 5s." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No live progress line." };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when the load generator itself was saturated (scheduling lag p99 > 5 ms with at least 10 late requests, or most requests late in 3+ seconds; or CPU or an event loop > 90% busy for > 10% of the run)." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (charts, tables; works offline) to this file." };
        var markdown = new Option<string?>("--md") { Description = "Also write a Markdown summary (CI step summary, PR comment) to this file." };
        var junit = new Option<string?>("--junit") { Description = "Also write JUnit XML (each threshold a test case) to this file." };
        var command = new Command("demo", "Start the embedded demo service, load it with the bundled plan (about 20 s), print the summary, write pacer-demo.json.")
        {
            outPath, duration, quiet, strict, html, markdown, junit,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var plan = PlanParser.Parse(BundledPlanText(), PlanPath);
            if (parse.GetValue(duration) is { } text)
            {
                plan = plan.ScaleTo(DurationOption.Parse(text, "--duration"));
            }

            await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions(), cancellationToken);
            await output.WriteLineAsync($"demo target listening on {host.BaseAddress}");
            var retargeted = plan.Retarget(host.BaseAddress);
            var settings = new RunSettings(parse.GetValue(outPath)!, !parse.GetValue(quiet), parse.GetValue(strict))
            {
                HtmlPath = parse.GetValue(html),
                MarkdownPath = parse.GetValue(markdown),
                JUnitPath = parse.GetValue(junit),
            };
            return await RunPipeline.ExecuteAsync(retargeted, settings, output, error, cancellationToken);
        });
        return command;
    }

    /// <summary>The text of examples/demo.yaml, embedded in the pacer assembly so the demo works from any folder.</summary>
    public static string BundledPlanText()
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("demo.yaml")
            ?? throw new InvalidOperationException("the bundled demo plan is missing from this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

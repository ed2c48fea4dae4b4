using System.CommandLine;
using Pacer.Cli.Pipeline;
using Pacer.Core.Plans;
using Pacer.Core.Transport;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer run PLAN</c> or <c>pacer run --url URL (--rate N | --vus N)</c>: runs a plan, prints the summary, writes the result file.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var plan = new Argument<string?>("plan") { Description = "Plan file (YAML). Omit it and give --url for an ad-hoc test.", Arity = ArgumentArity.ZeroOrOne };
        var outPath = new Option<string>("--out", "-o") { Description = "Where to write the result file (pacer.run/v1 JSON).", DefaultValueFactory = _ => "pacer-result.json" };
        var url = new Option<string?>("--url", "-u") { Description = "Ad-hoc test: the URL to load (no plan file)." };
        var method = new Option<string>("--method", "-m") { Description = "Ad-hoc test: HTTP method.", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "Ad-hoc test: a header 'Name: value' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var body = new Option<string?>("--body", "-b") { Description = "Ad-hoc test: request body text." };
        var rate = new Option<double?>("--rate", "-r") { Description = "Ad-hoc test, open model: requests per second." };
        var vus = new Option<int?>("--vus") { Description = "Ad-hoc test, closed model: virtual users." };
        // No DefaultValueFactory: help would print "[default: 10s]", which is true only without a plan (a plan's own stages set its length).
        var duration = new Option<string?>("--duration", "-d") { Description = "How long, e.g. 30s, 1m30s: an ad-hoc test's length (default 10s), or a plan's stages scaled to this total (default: the plan's own)." };
        var connections = new Option<int?>("--connections", "-c") { Description = "Ad-hoc open model: the most requests in flight at once (connection pool)." };
        var timeout = new Option<string?>("--timeout") { Description = "Ad-hoc test: per-request timeout, e.g. 5s." };
        var maxRequests = new Option<long?>("--max-requests", "-n") { Description = "Stop after this many requests (also overrides the plan's max_requests)." };
        var target = new Option<string?>("--target") { Description = "Override the plan's target base URL." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No live progress line." };
        var http2 = new Option<bool>("--http2") { Description = "Speak HTTP/2 (TLS for https://, prior knowledge for http://); uses the HttpClient transport." };
        var insecure = new Option<bool>("--insecure", "-k") { Description = "Accept any TLS certificate (self-signed test servers)." };
        var transport = new Option<TransportChoice>("--transport") { Description = "auto (lean HTTP/1.1 engine for http://, else HttpClient), lean (epoll event loops on Linux, async sockets elsewhere), socket (the portable lean engine over async sockets, on any system), or httpclient.", DefaultValueFactory = _ => TransportChoice.Auto };
        var eventLoops = new Option<int?>("--event-loops") { Description = "Event loops of the lean transport (plan key event_loops): a thread each that owns its connections; default one per two cores." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (charts, tables; works offline) to this file." };
        var markdown = new Option<string?>("--md") { Description = "Also write a Markdown summary (CI step summary, PR comment) to this file." };
        var junit = new Option<string?>("--junit") { Description = "Also write JUnit XML (each threshold a test case) to this file." };
        var slo = new Option<string[]>("--slo") { Description = "An SLO file (performance_targets: response_time: p95: \"< 15ms\" …) whose targets are judged as thresholds beside the plan's; keys a load test cannot judge are listed with why (repeatable).", AllowMultipleArgumentsPerToken = false };
        var history = HistoryCli.StoreOption();
        history.Arity = ArgumentArity.ZeroOrOne;
        history.Description = $"Record the run in the history after writing its result: a SQLite file (default {Pacer.History.HistoryLocation.DefaultPath}), a postgres://user@host/db URL or a Host=… connection string. Put it after the plan.";
        var labels = HistoryCli.LabelOption();
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when the load generator itself was saturated (scheduling lag p99 > 5 ms with at least 10 late requests, or most requests late in 3+ seconds; or CPU or an event loop > 90% busy for > 10% of the run)." };

        var watch = new WatchFlags();
        var command = new Command("run", "Run a load test from a plan file, or an ad-hoc one from --url.")
        {
            plan, outPath, url, method, headers, body, rate, vus, duration, connections, timeout, maxRequests, target, http2, insecure, transport, eventLoops, html, markdown, junit, quiet, strict, slo, history, labels,
        };
        watch.All.ToList().ForEach(command.Options.Add);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var planPath = parse.GetValue(plan);
            var adHocUrl = parse.GetValue(url);
            LoadPlan loaded;
            if (planPath is not null)
            {
                if (adHocUrl is not null)
                {
                    throw new UsageException("give either a plan file or --url, not both");
                }

                if (Directory.Exists(planPath))
                {
                    throw new UsageException($"{planPath}: is a directory, not a plan file");
                }

                if (!File.Exists(planPath))
                {
                    throw new UsageException($"{planPath}: no such plan file");
                }

                // Options that only shape an ad-hoc test would be silently ignored with a plan, which reads as if they had worked.
                var adHocOnly = new Option[] { method, headers, body, rate, vus, connections, timeout }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
                if (adHocOnly is not null)
                {
                    throw new UsageException($"{adHocOnly.Name} shapes an ad-hoc test (--url); with a plan file, set it in the plan ({planPath})");
                }

                loaded = PlanParser.Load(planPath);
                if (parse.GetValue(duration) is { } scaled)
                {
                    loaded = loaded.ScaleTo(DurationOption.Parse(scaled, "--duration"));
                }
            }
            else if (adHocUrl is not null)
            {
                loaded = AdHocPlan.Build(new AdHocPlanOptions(
                    adHocUrl,
                    parse.GetValue(method)!,
                    parse.GetValue(headers) ?? [],
                    parse.GetValue(body),
                    parse.GetValue(rate),
                    parse.GetValue(vus),
                    parse.GetValue(duration) ?? AdHocPlan.DefaultDuration,
                    parse.GetValue(connections),
                    parse.GetValue(timeout)));
            }
            else
            {
                throw new UsageException("give a plan file (pacer run plan.yaml) or an ad-hoc target (pacer run --url http://127.0.0.1:8080/ --rate 100)");
            }

            loaded = PlanOverrides.Apply(loaded, parse.GetValue(target), parse.GetValue(maxRequests));
            loaded = PlanOverrides.Protocol(loaded, parse.GetValue(http2), parse.GetValue(insecure));
            loaded = PlanOverrides.EventLoops(loaded, parse.GetValue(eventLoops));
            var sloPaths = parse.GetValue(slo) ?? [];
            foreach (var sloPath in sloPaths)
            {
                loaded = loaded.WithSlo(SloFile.Load(sloPath));
            }

            loaded = watch.Apply(loaded, parse);
            var recording = History(parse, history, labels);
            var settings = new RunSettings(parse.GetValue(outPath)!, !parse.GetValue(quiet), parse.GetValue(strict), parse.GetValue(transport))
            {
                HtmlPath = parse.GetValue(html),
                MarkdownPath = parse.GetValue(markdown),
                JUnitPath = parse.GetValue(junit),
                Inputs = planPath is null ? [.. sloPaths] : [planPath, .. sloPaths],
                History = recording,
            };
            return await RunPipeline.ExecuteAsync(loaded, settings, output, error, cancellationToken);
        });
        return command;
    }

    /// <summary>What <c>--history</c> asks, checked before any load is sent: the store's address and the labels (a bad <c>--label</c> is a usage error now, not after the run).</summary>
    private static HistoryRecording? History(ParseResult parse, Option<string?> history, Option<string[]> labels)
    {
        if (parse.GetResult(history) is null)
        {
            return parse.GetValue(labels) is { Length: > 0 }
                ? throw new UsageException("--label is recorded with the run in the history: add --history")
                : null;
        }

        var location = parse.GetValue(history);
        if (location is not null && (location.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || location.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UsageException($"--history took '{location}' as its store; put the plan before it (pacer run {location} --history) or name the store (--history {Pacer.History.HistoryLocation.DefaultPath})");
        }

        try
        {
            return new HistoryRecording(Pacer.History.HistoryLocation.Parse(location), HistoryCli.Labels(parse.GetValue(labels) ?? []));
        }
        catch (Pacer.History.HistoryStoreException e)
        {
            throw new UsageException(e.Message);
        }
    }
}

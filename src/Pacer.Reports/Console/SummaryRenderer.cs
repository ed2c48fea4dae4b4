using Pacer.Analysis.Findings;
using Pacer.Core.Results;
using Pacer.Reports.Formatting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pacer.Reports.Console;

/// <summary>The end-of-run summary: what was run, latency per request name, the other metrics, thresholds, errors and warnings, and a verdict line.</summary>
internal static class SummaryRenderer
{
    /// <summary>Writes the summary of <paramref name="result"/> to <paramref name="console"/>.</summary>
    /// <param name="result">The run.</param>
    /// <param name="console">Where to write.</param>
    /// <param name="nameShown">The run's start line already named the plan and target just above (a live run): not said twice.</param>
    public static void Render(RunResult result, IAnsiConsole console, bool nameShown = false)
    {
        RenderHeader(result, console, nameShown);
        RenderRequests(result, console);
        RenderMetrics(result, console);
        WebSocketRenderer.Render(result, console);
        RenderGroups(result, console);
        RenderChecks(result, console);
        RenderThresholds(result, console);
        RenderErrors(result, console);
        RenderFindings(result, console);
        RenderWarnings(result, console);
        RenderVerdict(result, console);
    }

    private static void RenderHeader(RunResult result, IAnsiConsole console, bool nameShown)
    {
        var plan = result.Plan;
        if (!nameShown)
        {
            console.MarkupLineInterpolated($"[bold]{TerminalText.Clean(plan.Name)}[/] → {TerminalText.Clean(plan.Target)}");
        }

        console.MarkupLineInterpolated(
            $"[grey]{RunShape.Model(result)} · {RunShape.Duration(result)} · transport {result.Environment.Transport} · {result.Environment.Cores} cores · run {result.RunId}[/]");
        if (result.Aborted)
        {
            console.MarkupLineInterpolated($"[yellow]aborted: {TerminalText.Clean(result.AbortReason ?? "stopped early")}[/]");
        }

        // A run cut short by its request bound has rates over a shorter load than planned: the reader must know why it stopped.
        if (plan.MaxRequests is { } bound && result.Metrics.TryGetValue("http_reqs", out var sent) && sent.Count >= bound)
        {
            console.MarkupLineInterpolated($"[yellow]ended by the request bound: {Units.Count(bound)} requests sent (max_requests, or --max-requests), so the plan did not run to its end[/]");
        }

        if (result.Generator is { } g)
        {
            var line = string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"generator: scheduling lag p99 {Units.Duration(g.LagP99)}{TooFewLate(g)} · CPU {Units.Percent(g.CpuMean)} of {g.Cores} cores (peak {Units.Percent(g.CpuMax)}){(g.ConnectionsOpened is { } opened ? $" · {Units.Count(opened)} connection{(opened == 1 ? "" : "s")} opened" : "")}");
            console.MarkupLine(g.Saturated
                ? $"[red bold]GENERATOR SATURATED[/] [red]{TerminalText.Markup(line)}: the numbers below may describe Pacer, not the service[/]"
                : $"[grey]{TerminalText.Markup(line)}[/]");
        }

        console.WriteLine();
    }

    /// <summary>A lag p99 over the limit that is no verdict (a few late requests, not sustained) says so next to the number.</summary>
    private static string TooFewLate(GeneratorInfo g) =>
        !g.Saturated && g.LagP99 > 5 && g.LagSamples > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" ({Units.Count(g.LagLate)} of {Units.Count(g.LagSamples)} requests late: too few to call it saturated)")
            : "";

    private static void RenderRequests(RunResult result, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]latency from intended start[/]");
        table.AddColumn("request");
        foreach (var heading in new[] { "count", "rate", "errors", "min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var request in result.Requests)
        {
            table.AddRow(Row(request));
        }

        if (result.Requests.Count > 1 && result.Metrics.TryGetValue("http_req_duration", out var all))
        {
            var reqs = result.Metrics.TryGetValue("http_reqs", out var r) ? r : null;
            var failed = result.Metrics.TryGetValue("http_req_failed", out var f) ? f.Rate ?? 0 : 0;
            table.AddRow(
                [
                    new Markup("[bold]all[/]"),
                    new Text(Units.Count(reqs?.Count ?? 0)),
                    new Text(Units.Rate(reqs?.Rate ?? 0)),
                    ErrorCell(reqs?.Count ?? 0, failed),
                    .. Stats(all.Count ?? reqs?.Count ?? 0, all.Min, all.Mean, all.P50, all.P90, all.P95, all.P99, SupportedPercentile.P999(all.Count ?? reqs?.Count ?? 0, all.P999), all.Max),
                ]);
        }

        console.Write(table);
    }

    private static IRenderable[] Row(RequestResult r) =>
        [
            new Text(TerminalText.Clean(r.Name)),
            new Text(Units.Count(r.Requests)),
            new Text(Units.Rate(r.Rate)),
            ErrorCell(r.Requests, r.ErrorRate),
            .. Stats(r.Duration.Count, r.Duration.Min, r.Duration.Mean, r.Duration.P50, r.Duration.P90, r.Duration.P95, r.Duration.P99, SupportedPercentile.P999(r.Duration.Count, r.Duration.P999), r.Duration.Max),
        ];

    /// <summary>Latency cells; a name with no samples (a step never reached) has none, whatever zeros its record holds.</summary>
    private static IRenderable[] Stats(long samples, params double?[] values) =>
        values.Select(v => (IRenderable)new Text(v is { } ms ? Units.Duration(ms, samples) : Units.Missing)).ToArray();

    private static Markup ErrorCell(long requests, double errorRate) =>
        requests == 0 ? new Markup(Units.Missing)
        : errorRate > 0 ? new Markup($"[red]{TerminalText.Markup(Units.Percent(errorRate))}[/]")
        : new Markup(Units.Percent(0));

    private static void RenderMetrics(RunResult result, IAnsiConsole console)
    {
        var grid = new Grid().AddColumn().AddColumn().AddColumn();
        foreach (var (name, metric) in result.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var text = metric.Type switch
            {
                "counter" when metric.Unit == "B" => $"{Units.Bytes(metric.Count ?? 0)}  {Units.ByteRate(metric.Rate ?? 0)}",
                "counter" => $"{Units.Count(metric.Count ?? 0)}  {Units.Rate(metric.Rate ?? 0)}",
                "rate" => $"{Units.Percent(metric.Rate ?? 0)}  ({Units.Count(metric.Passes ?? 0)} of {Units.Count((metric.Passes ?? 0) + (metric.Fails ?? 0))})",
                "gauge" => $"{Units.Number(metric.Value ?? double.NaN)}  min {Units.Number(metric.Min ?? double.NaN)}  max {Units.Number(metric.Max ?? double.NaN)}",
                "trend" when metric.Count == 0 => "no samples",
                "trend" => $"avg {Units.Duration(metric.Mean ?? double.NaN)}  p95 {Units.Duration(metric.P95 ?? double.NaN)}  p99 {Units.Duration(metric.P99 ?? double.NaN)}  max {Units.Duration(metric.Max ?? double.NaN)}",
                _ => string.Empty,
            };
            var scope = metric.Type == "trend" ? TrendScope.Describe(result, name) : null;
            grid.AddRow(
                new Text("  " + name),
                new Text(metric.Type, new Style(Color.Grey)),
                scope is null ? new Text(TerminalText.Clean(text)) : new Markup($"{TerminalText.Markup(text)}  [grey]{TerminalText.Markup(scope)}[/]"));
        }

        console.Write(grid);
        console.WriteLine();
    }

    private static void RenderGroups(RunResult result, IAnsiConsole console)
    {
        if (result.Groups.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold]groups[/] [grey](first step's intended start to last step's end)[/]");
        foreach (var g in result.Groups)
        {
            var d = g.Duration;
            console.MarkupLine($"  {TerminalText.Markup(g.Name)}  [grey]{Units.Count(d.Count)} × · p50 {Units.Duration(d.P50, d.Count)} · p95 {Units.Duration(d.P95, d.Count)} · p99 {Units.Duration(d.P99, d.Count)} · max {Units.Duration(d.Max, d.Count)}[/]");
            // A group of WebSocket steps only has no requests: their figures are in the WebSocket block, not a line of dashes.
            if (g.Requests > 0 && g.StepLatency is { } steps && g.ServiceTime is { } service && g.QueueTime is { } queue)
            {
                var kinds = g.ErrorsByKind.Count == 0 ? string.Empty : " (" + string.Join(", ", g.ErrorsByKind.Select(e => $"{e.Key} {Units.Count(e.Value)}")) + ")";
                console.MarkupLine($"    [grey]its {Units.Count(g.Requests)} requests: p95 {Units.Duration(steps.P95, steps.Count)} from intended start · service p95 {Units.Duration(service.P95, service.Count)} · queue p95 {Units.Duration(queue.P95, queue.Count)} · {Units.Count(g.Failures)} failed{TerminalText.Markup(kinds)}[/]");
            }
        }

        console.WriteLine();
    }

    private static void RenderChecks(RunResult result, IAnsiConsole console)
    {
        if (result.Checks.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold]checks[/]");
        foreach (var c in result.Checks)
        {
            var mark = c.Fails == 0 ? "[green]✓[/]" : "[red]✗[/]";
            var counts = c.Fails == 0 ? $"{Units.Count(c.Passes)} passed" : $"{Units.Percent(c.Rate)} passed · {Units.Count(c.Fails)} of {Units.Count(c.Passes + c.Fails)} failed";
            console.MarkupLine($"  {mark} {TerminalText.Markup(c.Name)}  [grey]{TerminalText.Markup(counts)}[/]");
        }

        console.WriteLine();
    }

    private static void RenderThresholds(RunResult result, IAnsiConsole console)
    {
        ThresholdsRenderer.RenderList(result, result.Thresholds, console);
        SloRenderer.Render(result, console);
    }

    private static void RenderErrors(RunResult result, IAnsiConsole console)
    {
        if (result.Errors.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold]errors by kind[/]");
        foreach (var e in result.Errors)
        {
            var example = e.Example is null ? string.Empty : $"  e.g. {e.Example}";
            console.MarkupLine($"  [red]{TerminalText.Markup(e.Kind)}[/] {Units.Count(e.Count)}[grey]{TerminalText.Markup(example)}[/]");
        }

        foreach (var request in result.Requests.Where(r => r.ErrorsByKind.Count > 0))
        {
            console.MarkupLine($"  [grey]{TerminalText.Markup(request.Name)}: {TerminalText.Markup(string.Join(", ", request.ErrorsByKind.Select(e => $"{e.Key} {Units.Count(e.Value)}")))}[/]");
        }

        console.WriteLine();
    }

    /// <summary>What limited the service (docs/watching.md#findings), ranked, just above the warnings and the verdict.</summary>
    private static void RenderFindings(RunResult result, IAnsiConsole console)
    {
        var report = RunFindings.Analyze(result);
        if (report.Findings.Count == 0)
        {
            console.MarkupLine($"[grey]findings: {TerminalText.Markup(report.TargetWatched ? FindingText.NoneFound : "none; " + FindingText.NotWatched)}[/]");
            console.WriteLine();
            return;
        }

        console.MarkupLine("[bold]findings[/] [grey](what limited the service, most important first)[/]");
        var rank = 0;
        foreach (var finding in report.Findings)
        {
            console.MarkupLine($"  {++rank}. [yellow]{TerminalText.Markup(finding.Title)}[/]: {TerminalText.Markup(FindingText.Sentence(finding))}");
        }

        if (!report.TargetWatched)
        {
            console.MarkupLine($"  [grey]{TerminalText.Markup(FindingText.NotWatched)}[/]");
        }

        console.WriteLine();
    }

    private static void RenderWarnings(RunResult result, IAnsiConsole console)
    {
        foreach (var warning in result.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {TerminalText.Markup(warning)}");
        }

        if (result.Warnings.Count > 0)
        {
            console.WriteLine();
        }
    }

    private static void RenderVerdict(RunResult result, IAnsiConsole console) => ThresholdsRenderer.RenderVerdict(result.Thresholds, result.NotPassedReason, console, result.Slo);
}

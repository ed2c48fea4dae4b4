using Pacer.Analysis.Capacity;
using Spectre.Console;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Capacity;

/// <summary>The capacity report on the console: every step in a table, then the capacity, what broke first, the knee, USL and replicas.</summary>
internal static class CapacityConsoleRenderer
{
    public static void Render(CapacityReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        var watched = report.Search.Steps.Any(s => s.TargetCpu is not null || s.TargetMemory is not null);
        var table = new Table().Border(TableBorder.Simple).Title("[bold]capacity steps[/]");
        var headings = new List<string> { "#", "phase", report.Closed ? "users" : "offered", "achieved", "p50", "p95", "p99", "errors", "secs", "verdict" };
        if (watched)
        {
            headings.InsertRange(8, ["target cpu", "target mem"]);
        }

        foreach (var heading in headings)
        {
            table.AddColumn(new TableColumn(heading) { Alignment = heading is "phase" or "verdict" ? Justify.Left : Justify.Right });
        }

        foreach (var step in report.Search.Steps)
        {
            var cells = new List<string>
            {
                step.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                step.Phase.ToString().ToLowerInvariant(),
                CapacityText.Level(step.Level, report.Closed),
                Units.Rate(step.Achieved),
                Units.Duration(step.P50, step.Requests),
                Units.Duration(step.P95, step.Requests),
                Units.Duration(step.P99, step.Requests),
                Units.Percent(step.ErrorRate),
                step.Seconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + (step.Steady ? " steady" : step.StoppedEarly ? " over" : ""),
                Markup.Escape(Verdict(step)),
            };
            if (watched)
            {
                cells.InsertRange(8, [step.TargetCpu is { } cpu ? cpu.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " cores" : Units.Missing, step.TargetMemory is { } mem ? Units.Bytes(mem) : Units.Missing]);
            }

            // The verdict (last) is escaped already and coloured; the other cells are plain text.
            table.AddRow(cells.Select((c, i) => i == cells.Count - 1 ? (step.Held ? $"[green]{c}[/]" : $"[red]{c}[/]") : Markup.Escape(c)).ToArray());
        }

        console.Write(table);
        var held = report.Search.Outcome is CapacityOutcome.Found or CapacityOutcome.AboveMaximum or CapacityOutcome.StepBudget;
        console.MarkupLine($"[bold]capacity:[/] {(held ? "[green]" : "[yellow]")}{Markup.Escape(CapacityText.Headline(report))}[/]");
        if (report.BrokeFirst.Count > 0)
        {
            console.MarkupLine($"[bold]broke first[/] at {Markup.Escape(CapacityText.Level(report.Search.FirstBroken!.Level, report.Closed))}: {Markup.Escape(string.Join("; ", report.BrokeFirst))}");
        }

        foreach (var finding in report.Findings)
        {
            console.MarkupLine($"  [grey]finding:[/] {Markup.Escape(finding)}");
        }

        if (CapacityText.Knee(report) is { } knee)
        {
            console.MarkupLine($"[bold]knee:[/] {Markup.Escape(knee)}");
        }

        console.MarkupLine(Markup.Escape(CapacityText.Usl(report)).Replace("USL:", "[bold]USL:[/]", StringComparison.Ordinal));
        if (CapacityText.Replicas(report) is { } replicas)
        {
            console.MarkupLine($"[bold]replicas:[/] {Markup.Escape(replicas)}");
        }
    }

    private static string Verdict(CapacityStep step) => step.Held
        ? step.GeneratorLimited ? "held (generator busy)" : "held"
        : step.Breaches[0] + (step.Breaches.Count > 1 ? $" (+{step.Breaches.Count - 1})" : "");
}

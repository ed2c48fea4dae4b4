using Pacer.Core.Results;
using Pacer.Reports.Formatting;
using Spectre.Console;

namespace Pacer.Reports.Console;

/// <summary>The plan's SLO objectives with their error budgets, and the SLO-file targets the run did not judge, with why.</summary>
internal static class SloRenderer
{
    public static void Render(RunResult result, IAnsiConsole console)
    {
        if (result.Slo is { Count: > 0 } objectives)
        {
            console.MarkupLine("[bold]slo objectives[/]");
            foreach (var o in objectives)
            {
                var mark = o.Passed ? "[green]✓[/]" : "[red]✗[/]";
                console.MarkupLine($"  {mark} {TerminalText.Markup(o.Name)} {TerminalText.Markup(Objective(o))}  [grey]{TerminalText.Markup(Budget(o))}[/]");
            }

            console.WriteLine();
        }

        if (result.NotJudged is { Count: > 0 } notJudged)
        {
            console.MarkupLine("[bold]not judged here[/]");
            foreach (var n in notJudged)
            {
                console.MarkupLine($"  [yellow]–[/] {TerminalText.Markup(n.Key)} {TerminalText.Markup(n.Value)}  [grey]{TerminalText.Markup($"because {n.Reason} · {n.Origin}")}[/]");
            }

            console.WriteLine();
        }
    }

    /// <summary><c>99.9% of http_req_failed good</c>, <c>99% of http_req_duration below 25 ms</c>.</summary>
    public static string Objective(SloResult o) =>
        $"{Units.Percent(o.Objective)} of {o.Metric}" + (o.BelowMs is { } below ? $" below {Units.Duration(below)}" : " good");

    /// <summary>Good share, bad against the budget, budget consumed and burn rate; or why it was not judged.</summary>
    public static string Budget(SloResult o) =>
        o.Note ?? $"{Units.Percent((double)o.Good / o.Total)} good · {Units.Count(o.Bad)} bad of {Units.Number(o.AllowedBad)} allowed · budget {o.BudgetConsumed:0.#}% consumed · burn rate {o.BurnRate:0.##}";
}

using Pacer.Reports.Console;
using Spectre.Console;

namespace Pacer.Cli.Doctor;

/// <summary>The doctor's report as a table: check, value found, verdict and fix, then why each finding that is not ok matters.</summary>
internal static class DoctorRenderer
{
    public static void Render(DoctorReport report, IAnsiConsole console)
    {
        var demand = report.Demand;
        var target = demand.Hosts.Count == 0 ? "no target given" : string.Join(", ", demand.Hosts);
        console.MarkupLine($"[bold]pacer doctor[/]: this machine for up to {demand.Connections:#,0} connections ({TerminalText.Markup(demand.ConnectionsFrom)}) to {TerminalText.Markup(target)}");

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("check");
        table.AddColumn("found");
        table.AddColumn("verdict");
        table.AddColumn("fix");
        foreach (var finding in report.Findings)
        {
            table.AddRow(TerminalText.Markup(finding.Check), TerminalText.Markup(finding.Found), Verdict(finding.Verdict), TerminalText.Markup(finding.Fix ?? ""));
        }

        console.Write(table);
        foreach (var finding in report.Findings.Where(f => f.Verdict != DoctorVerdict.Ok))
        {
            console.MarkupLine($"  {Verdict(finding.Verdict)} {TerminalText.Markup(finding.Check)}: {TerminalText.Markup(finding.Why)}");
        }

        console.WriteLine();
        var limits = report.Findings.Where(f => f.Verdict == DoctorVerdict.Limit).Select(f => f.Check).ToList();
        var warnings = report.Findings.Count(f => f.Verdict == DoctorVerdict.Warn);
        var unknown = report.Findings.Count(f => f.Verdict == DoctorVerdict.Unknown);
        var rest = $"{warnings} warning(s), {unknown} unknown";
        console.MarkupLine(limits.Count > 0
            ? $"[red bold]LIMITED[/]: {TerminalText.Markup(string.Join(", ", limits))} will limit the run; fix first ({rest})"
            : $"[green bold]OK[/]: nothing here will limit the run ({rest})");
    }

    /// <summary>The verdict as the table shows it; a limit in capitals, as the summary's FAILED.</summary>
    public static string Text(DoctorVerdict verdict) => verdict switch
    {
        DoctorVerdict.Ok => "ok",
        DoctorVerdict.Warn => "warn",
        DoctorVerdict.Limit => "LIMIT",
        _ => "unknown",
    };

    private static string Verdict(DoctorVerdict verdict) => verdict switch
    {
        DoctorVerdict.Ok => "[green]ok[/]",
        DoctorVerdict.Warn => "[yellow]warn[/]",
        DoctorVerdict.Limit => "[red bold]LIMIT[/]",
        _ => "[grey]unknown[/]",
    };
}

using System.Globalization;
using System.Text;
using Pacer.Reports.Tuning;

namespace Pacer.Cli.Tuning;

/// <summary>The console view of a tuning: a line per trial as it ends, then every trial in a table, the best settings with their evidence, the sensitivity and the confirmation.</summary>
internal static class TuneConsole
{
    public static string TrialLine(string label, TuneTrialRecord trial, string unit)
    {
        var verdict = trial.Value is null ? "no value" : trial.Pruned ? "pruned" : trial.Feasible ? "meets the SLO" : "breaks " + string.Join(", ", trial.Breaches.DefaultIfEmpty("the SLO"));
        return string.Create(CultureInfo.InvariantCulture, $"{label,-15} {Settings(trial.Settings),-40} {Number(trial.Value),10} {unit,-10} {verdict}{(trial.Problem is { } p && !trial.Pruned ? $" ({p})" : string.Empty)}  [{trial.Seconds:0.0} s]");
    }

    public static async Task WriteAsync(TuneReport report, TextWriter output)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"#",3}  {"phase",-7}  {Header(report.Knobs)}  {report.Objective + " (" + report.Unit + ")",18}  {"req/s",9}  {"p99 ms",8}  {"CPU ms/req",10}  SLO");
        foreach (var t in report.Trials)
        {
            var mark = t.Number == report.Best ? " ← best" : string.Empty;
            var slo = t.Value is null ? "—" : t.Pruned ? "pruned" : t.Feasible ? "ok" : "breaks";
            text.AppendLine(CultureInfo.InvariantCulture, $"{t.Number,3}  {t.Phase,-7}  {Row(report.Knobs, t.Settings)}  {Number(t.Value),18}  {Number(t.Rps),9}  {Number(t.P99),8}  {Number(t.CpuMsPerRequest),10}  {slo}{mark}");
        }

        text.AppendLine();
        if (report.BestSettings is { } best)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"best settings: {Settings(best)} (trial {report.Best}: {Number(report.BestModelled)} {report.Unit} over its search measurements)");
        }

        if (report.DefaultSettings is { } defaults)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"defaults:      {Settings(defaults)}");
        }

        if (report.Confirmation is { } c)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"confirmed against the defaults: {c.Verdict.ToUpperInvariant()} — {report.Objective} {c.Change * 100:+0.#;-0.#}% [{c.Lower * 100:+0.#;-0.#}%, {c.Upper * 100:+0.#;-0.#}%]{(c.PValue is { } p ? $", p={p:0.####}" : string.Empty)} ({c.Method})");
            text.AppendLine(CultureInfo.InvariantCulture, $"  defaults: {string.Join(", ", c.Defaults.Select(v => Number(v)))}   best: {string.Join(", ", c.Best.Select(v => Number(v)))} {report.Unit}");
            foreach (var other in c.Other)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  also {other}");
            }
        }

        if (report.Sensitivity.Count > 0)
        {
            text.AppendLine("sensitivity (the modelled objective across each knob, the others averaged):");
            foreach (var s in report.Sensitivity.OrderByDescending(s => s.Share))
            {
                var curve = string.Join("  ", s.Values.Zip(s.Objective, (v, o) => $"{v}→{Number(o)}"));
                text.AppendLine(CultureInfo.InvariantCulture, $"  {s.Knob,-14} {s.Share * 100,5:0}% of the variance, range {Number(s.Range)} {report.Unit}:  {curve}");
            }
        }

        foreach (var warning in report.Warnings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"warning: {warning}");
        }

        await output.WriteAsync(text.ToString());
    }

    public static string Settings(IReadOnlyDictionary<string, string> settings) => string.Join(" ", settings.Select(s => $"{s.Key}={s.Value}"));

    private static string Header(IReadOnlyList<string> knobs) => string.Join("  ", knobs.Select(k => $"{k,10}"));

    private static string Row(IReadOnlyList<string> knobs, IReadOnlyDictionary<string, string> settings) => string.Join("  ", knobs.Select(k => $"{settings.GetValueOrDefault(k, "?"),10}"));

    public static string Number(double? value) => value switch
    {
        null => "—",
        { } v when double.IsNaN(v) => "—",
        { } v when Math.Abs(v) >= 100 => v.ToString("#,0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 1 => v.ToString("0.##", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };
}

using Pacer.Core.Results;
using Pacer.Reports.Formatting;
using Pacer.Reports.WebSockets;
using Spectre.Console;

namespace Pacer.Reports.Console;

/// <summary>
/// The summary's WebSocket block, only for a run that used WebSockets: sessions and messages, the failed steps by kind (close
/// code, handshake status, timeout), and every ws trend — the message round trip as a whole and per step first — by percentile.
/// </summary>
internal static class WebSocketRenderer
{
    public static void Render(RunResult result, IAnsiConsole console)
    {
        if (WebSocketFigures.Of(result) is not { } ws)
        {
            return;
        }

        console.MarkupLine($"[bold]WebSocket[/]  {TerminalText.Markup(Counts(ws))}");
        if (ws.ErrorKinds.Count > 0)
        {
            console.MarkupLine($"  [red]errors[/] {TerminalText.Markup(ErrorText(ws))}");
        }

        if (ws.Trends.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn("ws");
            foreach (var heading in new[] { "count", "p50", "p95", "p99", "max" })
            {
                table.AddColumn(new TableColumn(heading).RightAligned());
            }

            table.AddColumn("measures");
            foreach (var t in ws.Trends)
            {
                var f = t.Figures;
                var samples = f.Count ?? 0;
                table.AddRow(
                    new Text((t.Tags.Count == 0 ? string.Empty : "  ") + TerminalText.Clean(t.Label)),
                    new Text(Units.Count(samples)),
                    new Text(Cell(f.P50, samples)),
                    new Text(Cell(f.P95, samples)),
                    new Text(Cell(f.P99, samples)),
                    new Text(Cell(f.Max, samples)),
                    new Text(t.Tags.Count == 0 ? t.Meaning : string.Empty, new Style(Color.Grey)));
            }

            console.Write(table);
        }

        console.WriteLine();
    }

    /// <summary>The counters on one line: <c>12 sessions · 30 sent (3.0/s) · 31 received (3.1/s) · 1 unmatched · 2 errors</c>.</summary>
    internal static string Counts(WebSocketFigures ws) =>
        $"{Units.Count(ws.Sessions)} session{(ws.Sessions == 1 ? "" : "s")} · {Units.Count(ws.Sent)} sent ({Units.Rate(ws.SentRate)}) · " +
        $"{Units.Count(ws.Received)} received ({Units.Rate(ws.ReceivedRate)}) · {Units.Count(ws.Unmatched)} unmatched · {Units.Count(ws.Errors)} error{(ws.Errors == 1 ? "" : "s")}";

    /// <summary>The failed steps by kind, with the steps they happened at: <c>ws_closed_1011 3 (run command) · ws_timeout 1 (run command)</c>.</summary>
    internal static string ErrorText(WebSocketFigures ws) =>
        string.Join(" · ", ws.ErrorKinds.Select(k => $"{k.Kind} {Units.Count(k.Count)} ({string.Join(", ", k.Steps)})"));

    private static string Cell(double? ms, long samples) => ms is { } v ? Units.Duration(v, samples) : Units.Missing;
}

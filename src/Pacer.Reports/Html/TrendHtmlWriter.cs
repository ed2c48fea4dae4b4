using System.Globalization;
using System.Text;
using System.Text.Json;
using Pacer.Analysis.History;
using Pacer.Reports.Charts;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Html;

/// <summary>
/// The trend page of <c>pacer history report --html</c>: the check's verdict, its change points in a table, then each series
/// over the runs (one chart per series, a plan's series together) with the change points marked where they began. Hovering a
/// run shows its commit and figures; clicking it shows every figure of that run, and a link to its own report when one is
/// known. One self-contained file in the frame, stylesheet and chart markup of the other reports: no external URL, and every
/// number is also in a table, so it reads with scripts off.
/// </summary>
internal static class TrendHtmlWriter
{
    /// <summary>The complete document.</summary>
    /// <param name="series">The series checked, each oldest first.</param>
    /// <param name="report">What <see cref="HistoryCheck.Run(IReadOnlyList{HistorySeries}, HistoryCheckOptions, HistoryCheckCache?)"/> found in them.</param>
    /// <param name="options">Title and links to the runs' own reports.</param>
    public static string Write(IReadOnlyList<HistorySeries> series, HistoryCheckReport report, TrendPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(report);
        options ??= new TrendPageOptions();
        var runs = Runs(series);
        var position = runs.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i + 1);

        var html = HtmlPage.Open("trend · " + options.Title, "Pacer trend · " + options.Title);
        html.Append("<p class=\"subtitle\">").Append(E(Subtitle(series, runs, report))).Append("</p>\n");
        Verdict(html, report);
        ChangeTable(html, report, position);
        Charts(html, series, report, position);
        RunDetails(html, runs, series, options, position);
        html.Append("<script>\n").Append(Script).Append("\n</script>\n");
        return HtmlPage.Close(html);
    }

    /// <summary>Every run of any series once, in history order (commit time, then when recorded, then id).</summary>
    private static List<HistoryRun> Runs(IReadOnlyList<HistorySeries> series) =>
        [.. series.SelectMany(s => s.Points.Select(p => p.Run))
            .GroupBy(r => r.Id).Select(g => g.First())
            .OrderBy(r => r.CommitTime ?? r.RecordedAt).ThenBy(r => r.RecordedAt).ThenBy(r => r.Id)];

    private static string Subtitle(IReadOnlyList<HistorySeries> series, List<HistoryRun> runs, HistoryCheckReport report)
    {
        var span = runs.Count == 0 ? "no runs" : $"{runs.Count} runs from {Date(runs[0])} to {Date(runs[^1])}";
        var test = report.Options.Test == SignificanceTest.Permutation ? "permutation test" : "t-test";
        return string.Create(CultureInfo.InvariantCulture,
            $"{series.Count} series · {span} · E-divisive means, {test}, false discovery rate {report.Options.FalseDiscoveryRate:0.###} · threshold {report.Options.Threshold:0.#%}");
    }

    private static void Verdict(StringBuilder html, HistoryCheckReport report)
    {
        var (cls, text) = report.Failed
            ? ("failed", $"REGRESSED · {report.Failing.Count} series' newest change is a regression beyond {Percent(report.Options.Threshold)}")
            : report.ChangePoints.Count > 0
                ? ("passed", $"PASSED · {report.ChangePoints.Count} change points, no newest one a regression beyond {Percent(report.Options.Threshold)}")
                : ("none", "NO CHANGE · no change point in any series");
        html.Append("<div class=\"verdict ").Append(cls).Append("\" role=\"status\">").Append(E(text)).Append("</div>\n");
        foreach (var problem in report.Problems)
        {
            html.Append("<p class=\"notice\">").Append(E(problem)).Append("</p>\n");
        }
    }

    private static void ChangeTable(StringBuilder html, HistoryCheckReport report, Dictionary<long, int> position)
    {
        html.Append("<h2>Change points</h2>\n");
        if (report.ChangePoints.Count == 0)
        {
            html.Append("<p class=\"muted\">None: every series stayed within its noise.</p>\n");
            return;
        }

        html.Append("<table class=\"changes\">\n<thead><tr><th class=\"text\">series</th><th>run</th><th class=\"text\">commit</th><th class=\"text\">measure</th>")
            .Append("<th>before</th><th>after</th><th>change [95% CI]</th><th>p</th><th>q</th><th class=\"text\">verdict</th><th class=\"text\">moved with</th></tr></thead>\n<tbody>\n");
        foreach (var change in report.ChangePoints)
        {
            var failing = report.Failing.Contains(change);
            var verdict = change.Expected ? "expected" : failing ? "regression · fails" : change.Direction == ChangeDirection.Regression ? "regression" : "improvement";
            var cls = change.Expected ? "muted" : change.Direction == ChangeDirection.Regression ? "bad" : "ok";
            html.Append("<tr data-run=\"").Append(position.GetValueOrDefault(change.Run.Id)).Append("\" data-series=\"").Append(E(change.Key.ToString())).Append("\">")
                .Append("<td class=\"text\">").Append(E(change.Key.ToString())).Append("</td>")
                .Append(HtmlPage.Td("#" + change.Run.Id.ToString(CultureInfo.InvariantCulture)))
                .Append("<td class=\"text\">").Append(E(Commit(change.Run))).Append("</td>")
                .Append("<td class=\"text\">").Append(E(change.Measure)).Append("</td>")
                .Append(HtmlPage.Td(Value(change.Before, change.Unit)))
                .Append(HtmlPage.Td(Value(change.After, change.Unit)))
                .Append(HtmlPage.Td(Change(change)))
                .Append(HtmlPage.Td(P(change.PValue)))
                .Append(HtmlPage.Td(P(change.QValue)))
                .Append("<td class=\"text ").Append(cls).Append("\">").Append(E(verdict)).Append("</td>")
                .Append("<td class=\"text\">").Append(E(string.Join(", ", change.MovedWith.Select(k => k.Group == change.Key.Group ? k.Metric : $"{k.Group} {k.Metric}")))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>
    /// One chart per series, grouped by plan; a request's shape changes are marked on each of its latency series, and where the
    /// series' own number changed at the same run, that change's marker is the one drawn.
    /// </summary>
    private static void Charts(StringBuilder html, IReadOnlyList<HistorySeries> series, HistoryCheckReport report, Dictionary<long, int> position)
    {
        foreach (var plan in series.GroupBy(s => s.Key.Plan))
        {
            html.Append("<h2>").Append(E(plan.Key)).Append("</h2>\n<div class=\"multiples\">\n");
            foreach (var one in plan)
            {
                var changes = report.ChangePoints
                    .Where(c => c.Key == one.Key || (c.Kind == ChangeKind.Shape && c.Key.Plan == one.Key.Plan && c.Key.Group == one.Key.Group && one.Points.Any(p => p.Distribution is not null)))
                    .GroupBy(c => c.Run.Id)
                    .Select(g => g.OrderBy(c => c.Kind == ChangeKind.Shape).First())
                    .ToList();
                var chart = new SvgLineChart
                {
                    Title = $"{one.Key.Group} · {one.Key.Metric}",
                    XLabel = "run",
                    YLabel = one.Unit,
                    Width = 600,
                    Height = 240,
                    ShowLegend = false,
                    Series = [new ChartSeries(one.Key.Metric, [.. one.Points.Select(p => ((double)position[p.Run.Id], p.Value))], "series-1")],
                    Markers = [.. changes.Select(c => new ChartMarker(position[c.Run.Id] - 0.5, Marker(c)))],
                };
                html.Append("<figure class=\"chart trend\" data-series=\"").Append(E(one.Key.ToString())).Append("\" data-changes=\"")
                    .Append(string.Join(' ', changes.Select(c => position[c.Run.Id]))).Append("\">")
                    .Append(chart.Render()).Append("</figure>\n");
            }

            html.Append("</div>\n");
        }
    }

    /// <summary>
    /// The runs: a table of every run's figures (the page's data with scripts off) and the same data as JSON for the details
    /// panel a click on a chart fills.
    /// </summary>
    private static void RunDetails(StringBuilder html, List<HistoryRun> runs, IReadOnlyList<HistorySeries> series, TrendPageOptions options, Dictionary<long, int> position)
    {
        var figures = runs.ToDictionary(r => r.Id, _ => new List<(string Series, string Value)>());
        foreach (var one in series)
        {
            foreach (var point in one.Points)
            {
                figures[point.Run.Id].Add(($"{one.Key.Group} · {one.Key.Metric}", Value(point.Value, one.Unit)));
            }
        }

        html.Append("<h2>Run</h2>\n<div id=\"run-details\" class=\"run-details\"><p class=\"muted\">Click a run on any chart to see its figures here.</p></div>\n");
        List<TrendRunData> data = [.. runs.Select(r => new TrendRunData(
            position[r.Id],
            r.Id,
            r.Commit,
            r.Branch,
            r.RecordedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            [.. r.Labels.Where(l => l.Key is not ("commit" or "branch")).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")],
            options.ReportLinks?.GetValueOrDefault(r.Id),
            [.. figures[r.Id].Select(f => new[] { f.Series, f.Value })]))];

        // The default encoder escapes <, > and & too, so no value can close the script element early.
        html.Append("<script type=\"application/json\" id=\"trend-runs\">").Append(JsonSerializer.Serialize(data, TrendJsonContext.Default.ListTrendRunData)).Append("</script>\n");

        html.Append("<details class=\"all-runs\"><summary>Every run's figures</summary>\n<table class=\"runs\">\n<thead><tr><th>#</th><th>run</th><th class=\"text\">commit</th><th class=\"text\">recorded</th>");
        var columns = series.Select(s => s.Key).ToList();
        foreach (var key in columns)
        {
            html.Append("<th>").Append(E($"{key.Group} · {key.Metric}")).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        var values = series.Select(s => s.Points.GroupBy(p => p.Run.Id).ToDictionary(g => g.Key, g => Value(g.Last().Value, s.Unit))).ToList();
        foreach (var run in runs)
        {
            html.Append("<tr><td>").Append(position[run.Id]).Append("</td>").Append(HtmlPage.Td("#" + run.Id.ToString(CultureInfo.InvariantCulture)))
                .Append("<td class=\"text\">").Append(E(Commit(run))).Append("</td><td class=\"text\">").Append(E(Date(run))).Append("</td>");
            foreach (var column in values)
            {
                html.Append(HtmlPage.Td(column.GetValueOrDefault(run.Id, "–")));
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</details>\n");
    }

    private static string Marker(ChangePoint change)
    {
        var arrow = change.Direction == ChangeDirection.Regression ? "▲" : "▼";
        var shape = change.Kind == ChangeKind.Shape ? $"shape {change.Measure} " : string.Empty;
        return $"{arrow} {shape}{Change(change).Split(' ')[0]}{(change.Expected ? " (expected)" : string.Empty)}";
    }

    /// <summary>The change as a signed percentage with its interval, or as a shift in the unit when no ratio exists.</summary>
    private static string Change(ChangePoint change) => change.Relative is { } r
        ? $"{Signed(r.Estimate - 1)} [{Signed(r.Lower - 1)}, {Signed(r.Upper - 1)}]"
        : $"{Sign(change.Shift.Estimate)}{Value(Math.Abs(change.Shift.Estimate), change.Unit)} [{Value(change.Shift.Lower, change.Unit)}, {Value(change.Shift.Upper, change.Unit)}]";

    private static string Signed(double fraction) => (fraction >= 0 ? "+" : "−") + Math.Abs(fraction).ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Sign(double value) => value >= 0 ? "+" : "−";

    private static string Percent(double fraction) => fraction.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string P(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Value(double value, string unit) => unit switch
    {
        "ms" => Units.Duration(value),
        "ratio" => Units.Percent(value),
        "req/s" => Units.Rate(value),
        _ => Units.Number(value) + " " + unit,
    };

    private static string Commit(HistoryRun run) => run.Commit is { Length: > 12 } c ? c[..12] : run.Commit ?? "–";

    private static string Date(HistoryRun run) => (run.CommitTime ?? run.RecordedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string E(string? text) => HtmlPage.Encode(text);

    /// <summary>
    /// Hover: the run's number, commit and values; click: the run's every figure in the details panel. The page's shared script
    /// fills the tooltip from its listener on the document; this one listens on the window, which the event reaches after the
    /// document, so it replaces that text with the run's own whatever order the two scripts load in.
    /// </summary>
    private const string Script = """
        (function () {
          var source = document.getElementById('trend-runs');
          var panel = document.getElementById('run-details');
          if (!source || !panel) { return; }
          var runs = JSON.parse(source.textContent);
          var byPosition = {};
          runs.forEach(function (r) { byPosition[r.position] = r; });
          function runOf(el) {
            if (!el || !el.matches || !el.matches('figure.trend g.hover rect')) { return null; }
            return byPosition[Math.round(parseFloat(el.getAttribute('data-x')))] || null;
          }
          function text(tag, content, cls) {
            var el = document.createElement(tag);
            el.textContent = content;
            if (cls) { el.className = cls; }
            return el;
          }
          window.addEventListener('mouseover', function (e) {
            var run = runOf(e.target);
            // Looked up here, not at load: the frame writes the tooltip element after this script.
            var tip = document.getElementById('tooltip');
            if (run && tip) {
              var values = e.target.getAttribute('data-values');
              tip.textContent = 'run #' + run.id + ' · ' + (run.commit || 'no commit') + '\n' + run.recorded + (values ? '\n' + values : '');
              tip.hidden = false;
            }
          });
          document.addEventListener('click', function (e) {
            var run = runOf(e.target);
            if (!run) { return; }
            panel.textContent = '';
            panel.setAttribute('data-run', run.id);
            panel.appendChild(text('h3', 'Run #' + run.id + ' · ' + (run.commit || 'no commit') + (run.branch ? ' on ' + run.branch : '') + ' · ' + run.recorded));
            if (run.labels.length) { panel.appendChild(text('p', run.labels.join(' · '), 'muted')); }
            var table = document.createElement('table');
            run.figures.forEach(function (f) {
              var row = table.insertRow();
              row.appendChild(text('td', f[0], 'text'));
              row.appendChild(text('td', f[1]));
            });
            panel.appendChild(table);
            if (run.link) {
              var a = text('a', 'Open this run\'s own report');
              a.href = run.link;
              panel.appendChild(a);
            }
            panel.scrollIntoView({ block: 'nearest' });
          });
        })();
        """;
}

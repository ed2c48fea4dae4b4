namespace Pacer.Reports.Html;

/// <summary>The stylesheet and script inlined into every HTML report; inline so the file works offline and leaks no request to anyone.</summary>
internal static class ReportAssets
{
    /// <summary>Light and dark themes through CSS variables, the chart classes <see cref="Charts.SvgLineChart"/> emits, and a print sheet.</summary>
    public const string Css = """
        :root { --bg:#ffffff; --fg:#1b1f24; --muted:#5b6470; --border:#d5dae0; --panel:#f5f7f9;
          --ok:#1a7f37; --bad:#c62828; --warn:#9a6700; --neutral:#44617b;
          --s1:#1f6feb; --s2:#d1242f; --s3:#8250df; --s4:#1a7f37; --s5:#bc4c00; --s6:#57606a; }
        @media (prefers-color-scheme: dark) {
          :root { --bg:#0d1117; --fg:#e6edf3; --muted:#9aa5b1; --border:#30363d; --panel:#161b22;
            --ok:#3fb950; --bad:#ff6b6b; --warn:#e3b341; --neutral:#79a6d2;
            --s1:#58a6ff; --s2:#ff7b72; --s3:#d2a8ff; --s4:#56d364; --s5:#ffa657; --s6:#b1bac4; }
        }
        * { box-sizing: border-box; }
        body { margin:0 auto; max-width:1280px; padding:1rem 1.5rem; background:var(--bg); color:var(--fg);
          font:14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
        h1 { font-size:1.5rem; margin:.5rem 0; } h2 { font-size:1.15rem; margin:1.5rem 0 .5rem; border-bottom:1px solid var(--border); }
        table { border-collapse:collapse; margin:.5rem 0; font-variant-numeric:tabular-nums; }
        th, td { padding:.25rem .6rem; border-bottom:1px solid var(--border); text-align:right; vertical-align:middle; }
        th:first-child, td:first-child, td.text, th.text { text-align:left; }
        td { white-space:nowrap; } td.text { white-space:normal; }
        dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.2rem 1rem; }
        dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; }
        .verdict { padding:.75rem 1rem; border-radius:6px; font-weight:600; font-size:1.2rem; border:2px solid; }
        .verdict.passed { color:var(--ok); } .verdict.failed { color:var(--bad); } .verdict.none { color:var(--neutral); }
        .notice { color:var(--warn); font-weight:600; margin:.4rem 0; }
        .ok { color:var(--ok); } .bad { color:var(--bad); } .note, .muted { color:var(--muted); } .warn { color:var(--warn); }
        figure.chart { margin:0; } svg.chart { display:block; width:100%; max-width:960px; height:auto; margin:.75rem 0; }
        figure.wide svg.chart, .multiples svg.chart { max-width:none; }
        .subtitle { color:var(--muted); margin:0 0 .6rem; overflow-wrap:anywhere; }
        .verdict + .verdict { margin-top:.5rem; }
        .nothing-succeeded { font-size:1.35rem; margin-bottom:.5rem; }
        .headline { display:grid; grid-template-columns:repeat(auto-fit, minmax(130px, 1fr)); gap:.6rem; margin:.9rem 0; }
        .tile { border:1px solid var(--border); border-radius:6px; background:var(--panel); padding:.5rem .7rem; display:flex; flex-direction:column; }
        .tile-label { color:var(--muted); font-size:.8rem; text-transform:uppercase; letter-spacing:.04em; overflow-wrap:anywhere; }
        .tile-value { font-size:1.45rem; font-weight:600; font-variant-numeric:tabular-nums; }
        .tile-sub { color:var(--muted); font-size:.8rem; }
        ol.findings { margin:.4rem 0; padding-left:1.6rem; } ol.findings li { margin:.25rem 0; } ol.findings strong { color:var(--warn); }
        ul.target-sources { color:var(--muted); margin:.4rem 0; }
        .multiples { display:grid; grid-template-columns:repeat(auto-fill, minmax(320px, 1fr)); gap:0 1rem; }
        tfoot tr.all td { font-weight:600; border-top:2px solid var(--border); }
        .spark-cell { display:inline-flex; align-items:center; gap:.35rem; }
        .spark-scale { display:inline-flex; flex-direction:column; color:var(--muted); font-size:10px; line-height:1.1; }
        .bar { display:inline-block; height:.7rem; min-width:1px; background:currentColor; vertical-align:middle; }
        td.text:has(> .bar) { width:30%; }
        .marker-line { stroke:var(--muted); stroke-dasharray:3 3; } .marker-label { fill:var(--muted); font-size:10px; }
        p.generator { font-weight:600; }
        .side-by-side { display:grid; grid-template-columns:repeat(2, minmax(0, 1fr)); gap:1rem; }
        @media (max-width: 760px) { .side-by-side { grid-template-columns:1fr; } }
        svg.spark { vertical-align:middle; } svg.spark path { fill:none; stroke-width:1.5; }
        .chart-title { fill:var(--fg); font-size:14px; font-weight:600; }
        .axis { stroke:var(--fg); stroke-width:1; } .tick { stroke:var(--fg); } .grid { stroke:var(--border); stroke-dasharray:2 3; }
        .tick-label, .axis-label, .legend-label, .legend-item text { fill:var(--muted); font-size:11px; }
        .axis-label { font-size:12px; } .no-data { fill:var(--muted); font-style:italic; }
        /* Text inside a series-coloured group would inherit its stroke and render smudged. */
        svg text { stroke:none; }
        .line { fill:none; stroke-width:1.8; } .point { stroke:none; }
        .series-1 { stroke:var(--s1); fill:var(--s1); color:var(--s1); } .series-2 { stroke:var(--s2); fill:var(--s2); color:var(--s2); }
        .series-3 { stroke:var(--s3); fill:var(--s3); color:var(--s3); } .series-4 { stroke:var(--s4); fill:var(--s4); color:var(--s4); }
        .series-5 { stroke:var(--s5); fill:var(--s5); color:var(--s5); } .series-6 { stroke:var(--s6); fill:var(--s6); color:var(--s6); }
        .series .line, .series-target .line { fill:none; } .series-target { stroke-dasharray:6 4; }
        .series-dashed .line, .legend-item.series-dashed line { stroke-dasharray:7 4; }
        /* The baseline is dashed as well as coloured, so the two runs stay apart in print and for colour-blind readers. */
        .series-baseline .line, .legend-item.series-baseline line { stroke-dasharray:5 3; }
        .legend-swatch, .legend-item line, .legend-item rect { stroke-width:3; }
        .hover rect { cursor:crosshair; }
        #tooltip { position:absolute; pointer-events:none; background:var(--panel); color:var(--fg); border:1px solid var(--border);
          padding:.3rem .5rem; border-radius:4px; font-size:12px; white-space:pre; }
        @media print {
          :root { --bg:#fff; --fg:#000; --muted:#333; --border:#999; }
          body { max-width:none; padding:0; font-size:11px; }
          #tooltip, .hover { display:none; }
          figure.chart, table, .verdict, .headline { break-inside:avoid; }
        }
        """;

    /// <summary>Shows a hovered chart column's values; the page never depends on it, since every number is also in a table.</summary>
    public const string Script = """
        (function () {
          var tip = document.getElementById('tooltip');
          if (!tip) { return; }
          function isHover(el) { return el && el.matches && el.matches('g.hover rect'); }
          document.addEventListener('mouseover', function (e) {
            if (isHover(e.target)) { tip.textContent = e.target.getAttribute('data-values').split('; ').join('\n'); tip.hidden = false; }
          });
          document.addEventListener('mousemove', function (e) {
            if (!tip.hidden) { tip.style.left = (e.pageX + 14) + 'px'; tip.style.top = (e.pageY + 14) + 'px'; }
          });
          document.addEventListener('mouseout', function (e) { if (isHover(e.target)) { tip.hidden = true; } });
        })();
        """;
}

using Pacer.Core.Engine;
using Pacer.Core.Transport;

namespace Pacer.Cli.Pipeline;

/// <summary>How <see cref="RunPipeline"/> runs and reports: where the result file goes, whether to show live progress,
/// whether a saturated generator fails the run (<c>--strict</c>, exit 1), and which transport to use.</summary>
internal sealed record RunSettings(string OutPath, bool ShowProgress, bool Strict = false, TransportChoice Transport = TransportChoice.Auto)
{
    /// <summary>Also write a Markdown summary (CI step summary, PR comment) here.</summary>
    public string? MarkdownPath { get; init; }

    /// <summary>Also write a self-contained HTML report here.</summary>
    public string? HtmlPath { get; init; }

    /// <summary>Also write JUnit XML (each threshold a test case) here.</summary>
    public string? JUnitPath { get; init; }

    /// <summary>The service to start before load and stop after it (<c>--watch-cmd</c>); null when the target runs on its own.</summary>
    public ServiceCommand? Service { get; init; }

    /// <summary>Record the run in the history after its result file is written (<c>--history</c>); null when not asked.</summary>
    public HistoryRecording? History { get; init; }

    /// <summary>Files the run reads (the plan): an output naming one of them is refused before any load is sent.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>
    /// Adjusts the engine's options last: the seam through which tests reach the engine's own test seams (a transport that fails
    /// mid-run, a threshold check that throws).
    /// </summary>
    public Func<EngineOptions, EngineOptions>? ConfigureEngine { get; init; }
}

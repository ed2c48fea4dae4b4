using Pacer.Core.Plans;
using Pacer.Core.Recording;
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

    /// <summary>Files the run reads (the plan): an output naming one of them is refused before any load is sent.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Makes the transport instead of <see cref="TransportFactory"/>: the seam through which tests inject a transport that fails mid-run.</summary>
    public Func<LoadPlan, ITransport>? CreateTransport { get; init; }

    /// <summary>Replaces the threshold monitor's abort check: the seam through which tests inject an observer that throws mid-run.</summary>
    public Func<RecorderTotals, TimeSpan, string?>? AbortCheck { get; init; }
}

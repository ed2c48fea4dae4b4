namespace Pacer.Cli.Pipeline;

/// <summary>How <see cref="RunPipeline"/> reports a run: where the result file goes, whether to show live progress,
/// and whether a saturated generator fails the run (<c>--strict</c>, exit 1).</summary>
internal sealed record RunSettings(string OutPath, bool ShowProgress, bool Strict = false);

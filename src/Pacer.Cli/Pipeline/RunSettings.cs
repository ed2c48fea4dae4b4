namespace Pacer.Cli.Pipeline;

/// <summary>How <see cref="RunPipeline"/> reports a run: where the result file goes and whether to show live progress.</summary>
internal sealed record RunSettings(string OutPath, bool ShowProgress);

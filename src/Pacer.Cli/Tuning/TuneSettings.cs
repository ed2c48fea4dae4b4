using Pacer.Core.Transport;

namespace Pacer.Cli.Tuning;

/// <summary>How <c>pacer tune</c> was asked to run.</summary>
internal sealed record TuneSettings(string TuneFile, string OutPath, string? HtmlPath, bool Resume, TransportChoice Transport)
{
    /// <summary>Overrides the tune file's trials, or null.</summary>
    public int? Trials { get; init; }
}

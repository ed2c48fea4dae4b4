namespace Pacer.Cli.Tuning;

/// <summary>The group compare gives the whole run's rows (PacerResultReader's, which is internal to Pacer.Analysis).</summary>
internal static class PacerGroups
{
    public const string All = "all";
}

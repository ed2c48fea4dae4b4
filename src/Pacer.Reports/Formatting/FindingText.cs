using Pacer.Analysis.Findings;

namespace Pacer.Reports.Formatting;

/// <summary>A run's findings in words, their numbers written by <see cref="Units"/> as every other number of a report is.</summary>
internal static class FindingText
{
    /// <summary>Said once, where findings are listed, when the run did not watch its target.</summary>
    public const string NotWatched =
        "the target was not watched, so only the generator, latency and error rules ran (--watch-pid PID or --watch-cmd CMD watches it)";

    /// <summary>Said where findings are listed when the target was watched and no rule fired.</summary>
    public const string NoneFound = "none: nothing the rules look for limited the service";

    /// <summary>The finding's sentence with its numbers: <c>the target used 1.96 of 2 cores from second 14, …</c>.</summary>
    public static string Sentence(Finding finding) => finding.Text(Value);

    /// <summary>One piece of evidence as a report writes it.</summary>
    public static string Value(FindingEvidence evidence) => evidence.Unit switch
    {
        // A second is a tick key such as 14.003: the tenth of a second is as precise as "from second …" needs to be.
        FindingUnit.Second => Units.Number(Math.Round(evidence.Value, 1)),
        FindingUnit.Cores or FindingUnit.Count => Units.Number(evidence.Value),
        FindingUnit.Bytes => Units.Bytes(evidence.Value),
        FindingUnit.BytesPerMinute => Units.Bytes(evidence.Value) is var text && text == Units.Missing ? Units.Missing : text + "/min",
        FindingUnit.Milliseconds => Units.Duration(evidence.Value),
        FindingUnit.Ratio => Units.Percent(evidence.Value),
        FindingUnit.PerSecond => Units.Rate(evidence.Value),
        _ => Units.Number(evidence.Value),
    };
}

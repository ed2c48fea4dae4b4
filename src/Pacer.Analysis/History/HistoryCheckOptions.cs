namespace Pacer.Analysis.History;

/// <summary>How <see cref="HistoryCheck.Run(IReadOnlyList{HistorySeries}, HistoryCheckOptions, HistoryCheckCache?)"/> looks for change points and judges the newest.</summary>
public sealed record HistoryCheckOptions
{
    /// <summary>
    /// The relative size (0.10 = 10%) from which the newest change point, when a regression not marked expected, fails the
    /// check. 10% by default: the size the seeds' own <c>--threshold=10</c> gate used against one baseline.
    /// </summary>
    public double Threshold { get; init; } = 0.10;

    /// <summary>
    /// Only change points whose first run after was recorded at or after this time are reported and judged; the older runs still
    /// serve as the history they are measured against. Null: all.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Change points marked as expected: listed, but never failing the verdict.</summary>
    public IReadOnlyList<ExpectedChange> Expected { get; init; } = [];

    /// <summary>
    /// The false discovery rate, controlled by Benjamini–Hochberg across every series checked together (0.005 by default: below
    /// the 1% of false alarms per flat series the evaluation in docs/history.md asks of it, with its sampling noise).
    /// </summary>
    public double FalseDiscoveryRate { get; init; } = 0.005;

    /// <summary>The significance test of a candidate split; <see cref="SignificanceTest.Permutation"/> by default.</summary>
    public SignificanceTest Test { get; init; } = SignificanceTest.Permutation;

    /// <summary>The fewest runs on either side of a change point (3 by default: a change is reported from its third run on).</summary>
    public int MinimumSegment { get; init; } = 3;

    /// <summary>
    /// The most permutations for one candidate. The search draws at most 999 (p-values down to 0.001 decide its own level);
    /// only a candidate Benjamini–Hochberg has not yet accepted and that no shuffle matched gets more, four times as many at a
    /// time, up to this. Null: 2·candidates/rate, from 999 to 19,999. A clearly insignificant split stops after 10 shuffles beat it.
    /// </summary>
    public int? Permutations { get; init; }

    /// <summary>
    /// How many runs one E-divisive search sees (60 by default; at least 4 × <see cref="MinimumSegment"/>). A longer history is
    /// searched in windows overlapping by half, each starting at the previous one's last change point or half a window on, as
    /// Apache Otava does: every change is seen with at least a quarter window either side, a search's cost stops growing with
    /// the history, and appending runs leaves every window that ends before them as it was, so a cached check re-examines only
    /// the last windows. A history no longer than one window is searched whole.
    /// </summary>
    public int Window { get; init; } = 60;

    /// <summary>The confidence level of the magnitude intervals.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Seeds the permutations (mixed with each series' key): the same history and options always give the same report.</summary>
    public int Seed { get; init; } = 1;
}

namespace Pacer.Reports.Html;

/// <summary>
/// One run in the trend page's <c>trend-runs</c> data, which the page's script reads when a chart is clicked: its position on
/// the charts, id, commit, branch, time, the labels other than commit and branch (<c>key=value</c>), the link to its own
/// report, and each figure as <c>[series, value]</c>.
/// </summary>
internal sealed record TrendRunData(
    int Position,
    long Id,
    string? Commit,
    string? Branch,
    string Recorded,
    IReadOnlyList<string> Labels,
    string? Link,
    IReadOnlyList<string[]> Figures);

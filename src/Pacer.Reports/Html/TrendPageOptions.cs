namespace Pacer.Reports.Html;

/// <summary>What the trend page says beyond the series and the check.</summary>
/// <param name="Title">The page's title (the store or the plans shown).</param>
/// <param name="ReportLinks">Per run id, a link (relative path or URL) to that run's own result or HTML report, when known;
/// the run's details then offer it.</param>
internal sealed record TrendPageOptions(string Title = "history", IReadOnlyDictionary<long, string>? ReportLinks = null);

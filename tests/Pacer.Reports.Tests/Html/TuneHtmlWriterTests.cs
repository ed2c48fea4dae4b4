using System.Net;
using Pacer.Reports.Html;
using Pacer.Reports.Tuning;

namespace Pacer.Reports.Tests.Html;

public sealed class TuneHtmlWriterTests
{
    private static TuneTrialRecord Trial(int number, string phase, string workers, double? value, bool feasible = true) => new()
    {
        Number = number,
        Phase = phase,
        Settings = new Dictionary<string, string> { ["workers"] = workers },
        Point = [0],
        Value = value,
        Feasible = feasible,
        Rps = value,
        Breaches = feasible ? [] : ["http_req_duration p(99)<100ms"],
    };

    private static TuneReport Report(TuneConfirmation? confirmation) => new()
    {
        Name = "demo <workers>",
        TuneFile = "tune.yaml",
        TuneFileSha256 = "00",
        Objective = "throughput",
        Unit = "req/s",
        HigherIsBetter = true,
        Method = "grid",
        Budget = 3,
        Seed = 1,
        Knobs = ["workers"],
        StartedUtc = DateTimeOffset.UnixEpoch,
        Status = "done",
        Trials = [Trial(1, "search", "1", 410), Trial(2, "search", "2", 730), Trial(3, "search", "8", 690, feasible: false), Trial(4, "default", "8", 650), Trial(5, "best", "2", 720)],
        Best = 2,
        BestSettings = new Dictionary<string, string> { ["workers"] = "2" },
        DefaultSettings = new Dictionary<string, string> { ["workers"] = "8" },
        Sensitivity = [new TuneSensitivityRow("workers", 320, 1, ["1", "2", "8"], [410, 730, 690])],
        Confirmation = confirmation,
        Warnings = ["one <warning>"],
    };

    [Fact]
    public void ThePage_ShowsTheVerdict_TheBestAgainstTheDefaults_TheSensitivity_AndEveryTrial()
    {
        var page = TuneHtmlWriter.Write(Report(new TuneConfirmation([650], [720], "improved", 0.108, 0.05, 0.16, 0.01, "Welch")));
        var text = WebUtility.HtmlDecode(page);

        Assert.Contains("BETTER THAN THE DEFAULTS · throughput +10.8% after 3 trials, confirmed over 1 runs a side", text, StringComparison.Ordinal);
        Assert.Contains("<h2>Best settings</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Sensitivity</h2>", page, StringComparison.Ordinal);
        Assert.Contains("workers: 100% of the variance, range 320 req/s", text, StringComparison.Ordinal);
        var table = page[page.IndexOf("<h2>Every trial</h2>", StringComparison.Ordinal)..];
        Assert.Equal(1 + 5, table.Split("<tr").Length - 1);   // the header and the five trials
        Assert.Single(table.Split("<tr class=\"best\">").Skip(1));
        Assert.Contains("breaks http_req_duration p(99)<100ms", text, StringComparison.Ordinal);
        Assert.Contains("Change +10.8% [+5%, +16%], p = 0.01: improved (Welch)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<workers>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<warning>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "NOT CONFIRMED · the best settings are inconclusive against the defaults over 1 runs a side")]
    [InlineData(true, "BEST OF 3 TRIALS · not confirmed against the defaults")]
    public void TheBanner_SaysWhenTheWinnerWasNotConfirmed(bool skipped, string banner)
    {
        var page = TuneHtmlWriter.Write(Report(skipped ? null : new TuneConfirmation([650], [660], "inconclusive", 0.015, -0.05, 0.08, 0.6, "Welch")));
        Assert.Contains(banner, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }
}

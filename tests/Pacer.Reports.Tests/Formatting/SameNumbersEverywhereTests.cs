using System.Text.RegularExpressions;
using System.Xml.Linq;
using Pacer.Core.Results;
using Pacer.Reports.Console;
using Pacer.Reports.Html;
using Pacer.Reports.Junit;
using Pacer.Reports.Markdown;

namespace Pacer.Reports.Tests.Formatting;

/// <summary>The console summary, Markdown and JUnit of one result show each request's rate and percentiles as the same text.</summary>
public sealed class SameNumbersEverywhereTests
{
    // p95 999.96 ms next to p99 1000.4 ms once read "p95 1000ms p99 1.00s"; a rate of 3,953.736 once read as it is.
    private static readonly DurationStats Login = new(60, 0.21, 120, 0.63, 1.27, 999.96, 1000.4, 2001, 2734, string.Empty);
    private static readonly DurationStats List = new(40, 0.5, 3, 1.27, 2, 2.734, 43.14, 50, 51, string.Empty);
    private static readonly DurationStats None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, string.Empty);

    public static TheoryData<string, string, string, string, string> Rows => new()
    {
        // name, rate, p50, p95, p99
        { "login", "6.0/s", "630 µs", "1.00 s", "1.00 s" },
        { "list", "3,953.7/s", "1.27 ms", "2.73 ms", "43.1 ms" },
        { "never", "0.0/s", "–", "–", "–" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ConsoleMarkdownAndJUnit_ShowARequestsRateAndPercentilesAlike(string name, string rate, string p50, string p95, string p99)
    {
        var result = Result();
        var expected = new Regex(string.Join(@".*?", new[] { rate, p50, p95, p99 }.Select(Regex.Escape)));

        foreach (var (_, row) in RowsOf(result, name))
        {
            Assert.Matches(expected, row);
            Assert.DoesNotContain("1000 ms", row, StringComparison.Ordinal);
            Assert.DoesNotContain("3,953.736", row, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void HtmlRunPage_ShowsTheSameTextInItsTables(string name, string rate, string p50, string p95, string p99)
    {
        var html = RunHtmlWriter.Write(Result());

        // The page's layout is its own; what is checked is that the numbers are written as everywhere else.
        var row = System.Net.WebUtility.HtmlDecode(Regex.Match(html, "<tr><td>" + Regex.Escape(name) + "</td>(.*?)</tr>").Groups[1].Value);
        Assert.Matches(string.Join(@".*?", new[] { rate, p50, p95, p99 }.Select(Regex.Escape)), row);
        Assert.DoesNotContain("1000 ms", html, StringComparison.Ordinal);
        Assert.DoesNotContain("3,953.736", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ARequestNameWithNoRequests_ShowsDashes_NotZeroLatenciesOrAZeroErrorRate()
    {
        // Before: "0.00µs" in every latency column (the console) and "0 ms" (Markdown) for a step never reached.
        var rows = RowsOf(Result(), "never").ToDictionary(r => r.Report, r => r.Row);

        Assert.Matches(@"^\s*never\s+0\s+0\.0/s(\s+–){9}\s*$", rows["console"]);
        Assert.Equal("| never | 0 | 0.0/s | – | – | – | – | – |", rows["markdown"]);
        Assert.Equal("never: 0 requests · 0.0/s · errors – · p50 – · p95 – · p99 – · max –", rows["junit"]);
        var html = Regex.Match(RunHtmlWriter.Write(Result()), "<tr><td>never</td>(.*?)</tr>").Groups[1].Value;
        var cells = Regex.Matches(html, "<td[^>]*>([^<]*)</td>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Contains("–", cells);
        Assert.DoesNotContain(cells, c => Regex.IsMatch(c, "[0-9] ?(µs|ms|s)$|%$"));
    }

    [Fact]
    public void ThresholdActual_IsTheSameTextInTheConsoleMarkdownAndJUnit()
    {
        var result = Result();
        var console = Console(result);
        var markdown = RunMarkdownWriter.Write(result);
        var junit = XDocument.Parse(RunJUnitWriter.Write(result));
        var failure = junit.Descendants("failure").Select(f => f.Attribute("message")!.Value).Single();

        Assert.Contains("✗ http_reqs rate>5000  actual 3,953.7/s", console, StringComparison.Ordinal);
        Assert.Contains("| `http_reqs` `rate>5000` | 3,953.7/s | ❌ |", markdown, StringComparison.Ordinal);
        Assert.Equal("http_reqs rate>5000: actual 3,953.7/s", failure);
    }

    /// <summary>The line that shows request <paramref name="name"/> in each report.</summary>
    [Fact]
    public void P999_UnderAThousandSamples_IsBlankInTheConsoleAsInTheHtml()
    {
        // Before: the console showed login's p99.9 (2.00 s) from 60 samples, the maximum by another name, while the HTML left it
        // blank with the reason; a name with 1,000 samples keeps its p99.9 in both.
        var bulk = new DurationStats(1000, 0.2, 1, 0.9, 2, 3, 4, 5.5, 9, string.Empty);
        var result = Result() with
        {
            Requests = [.. Result().Requests, new RequestResult("bulk", "GET", "http://h/bulk", 1000, 100, 0, 0, 0, 0, bulk, bulk, bulk)],
        };
        var console = Console(result).Split('\n');

        var login = console.Single(l => l.TrimStart().StartsWith("login ", StringComparison.Ordinal));
        Assert.DoesNotContain("2.00 s", login, StringComparison.Ordinal);
        Assert.Matches(@"1\.00 s\s+–\s+2\.73 s\s*$", login);
        Assert.Contains("5.50 ms", console.Single(l => l.TrimStart().StartsWith("bulk ", StringComparison.Ordinal)), StringComparison.Ordinal);
        var html = RunHtmlWriter.Write(result);
        Assert.DoesNotContain("<td>2.00 s</td>", Regex.Match(html, "<tr><td>login</td>(.*?)</tr>").Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("<td>5.50 ms</td>", Regex.Match(html, "<tr><td>bulk</td>(.*?)</tr>").Groups[1].Value, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Report, string Row)> RowsOf(RunResult result, string name)
    {
        var console = Console(result).Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));
        var markdown = RunMarkdownWriter.Write(result).Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith($"| {name} |", StringComparison.Ordinal));
        var junitOut = XDocument.Parse(RunJUnitWriter.Write(result)).Descendants("system-out").Single().Value;
        var junit = junitOut.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return [("console", console), ("markdown", markdown), ("junit", junit)];
    }

    private static string Console(RunResult result)
    {
        using var writer = new StringWriter();
        SummaryRenderer.Render(result, ConsoleFactory.Create(writer, isTerminal: false));
        return writer.ToString();
    }

    private static RunResult Result() => new()
    {
        RunId = "r1",
        StartedUtc = DateTimeOffset.UnixEpoch,
        EndedUtc = DateTimeOffset.UnixEpoch.AddSeconds(10),
        DurationSeconds = 10,
        LoadSeconds = 10,
        Passed = false,
        Plan = new PlanInfo("shop", "plan.yaml", "sha256:00", string.Empty, "http://127.0.0.1:8080/", "open", 10, []),
        Environment = new EnvironmentInfo("m", "os", ".NET", 2, "1.0", "pacer-http1/epoll"),
        Metrics = new Dictionary<string, MetricResult>
        {
            ["http_reqs"] = new() { Type = "counter", Count = 100, Rate = 3959.736 },
            ["http_req_failed"] = new() { Type = "rate", Rate = 0.05, Passes = 5, Fails = 95 },
            ["http_req_duration"] = new() { Type = "trend", Unit = "ms", Count = 100, Min = 0.21, Mean = 73, P50 = 0.9, P90 = 1.9, P95 = 999.1, P99 = 1000.2, P999 = 2001, Max = 2734 },
        },
        Requests =
        [
            new RequestResult("login", "POST", "http://h/login", 60, 6, 5, 5.0 / 60, 0, 0, Login, Login, Login),
            new RequestResult("list", "GET", "http://h/", 40, 3953.736, 0, 0, 0, 0, List, List, List),
            new RequestResult("never", "GET", "http://h/never", 0, 0, 0, 0, 0, 0, None, None, None),
        ],
        Statuses = [],
        Errors = [],
        Series = [],
        Thresholds = [new ThresholdResult("http_reqs", "rate>5000", false, 3953.736, false, null)],
        Warnings = [],
    };
}

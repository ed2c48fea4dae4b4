using System.Xml.Linq;
using Pacer.Core.Results;
using Pacer.DemoTarget;
using Pacer.Reports.Tests.Html;

namespace Pacer.Cli.Tests;

/// <summary><c>pacer report BASE.json CURRENT.json</c>: the two-file form, which compares the runs.</summary>
public sealed class ReportCompareTests
{
    private static async Task<string> RunOnceAsync(DemoTargetHost target, string name, string duration = "1s")
    {
        var output = CliRunner.TempFile(name);
        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--vus", "2", "--duration", duration, "--out", output, "-q");
        Assert.True(File.Exists(output), $"run exited {exit}: {error}{text}");
        return output;
    }

    [Fact]
    public async Task Report_TwoRealResults_WritesHtmlMarkdownAndJUnitAndExitsAsCompare()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var baseline = await RunOnceAsync(target, "base.json");
        var current = await RunOnceAsync(target, "current.json");
        var (html, md, junit) = (CliRunner.TempFile("x.html"), CliRunner.TempFile("x.md"), CliRunner.TempFile("x.xml"));

        var (exit, text, error) = await CliRunner.RunAsync("report", baseline, current, "--html", html, "--md", md, "--junit", junit);

        // Two short runs on a busy machine may really differ, so either verdict is right; it must agree with the files.
        var suite = XDocument.Parse(await File.ReadAllTextAsync(junit)).Root!.Element("testsuite")!;
        var regressed = suite.Elements("testcase").Any(c => c.Element("failure") is not null);
        Assert.True(exit == (regressed ? 99 : 0), $"exit {exit}, regressed {regressed}: {error}{text}");
        Assert.Contains(regressed ? "REGRESSED" : "NO REGRESSION", text, StringComparison.Ordinal);
        Assert.Contains("baseline: " + baseline, text, StringComparison.Ordinal);
        Assert.Contains("p99", text, StringComparison.Ordinal);

        var page = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("Pacer compare", page, StringComparison.Ordinal);
        Assert.Contains("series-baseline", page, StringComparison.Ordinal);
        Assert.Contains("series-current", page, StringComparison.Ordinal);
        Assert.Contains("<table class=\"verdicts\">", page, StringComparison.Ordinal);
        Assert.Contains(regressed ? "comparisons regressed" : "No regression in", await File.ReadAllTextAsync(md), StringComparison.Ordinal);
        Assert.Equal("pacer compare", suite.Attribute("name")!.Value);
    }

    [Fact]
    public async Task Report_SameResultTwice_Exits0()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var result = await RunOnceAsync(target, "same.json");

        var (exit, text, error) = await CliRunner.RunAsync("report", result, result);

        Assert.True(exit == 0, error + text);
        Assert.Contains("NO REGRESSION", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_CurrentTenTimesSlower_Exits99()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        // One run a side is judged over its seconds (requests of one run are not independent), and a regression must also be
        // significant after Holm's correction across the rows: four seconds gave p=0.14 in a CI run (inconclusive); eight give the
        // per-second bootstrap twice the blocks. Ten times slower, not three: with other test projects on the 2 cores, the
        // seconds of one run varied so much that a 3× slowdown was honestly "inconclusive" (p50 +200% [-16%, +937%], p=0.37).
        var baseline = await RunOnceAsync(target, "fast.json", "8s");
        var current = CliRunner.TempFile("slow.json");
        await ResultFile.WriteAsync(SlowerRun.Of(await ResultFile.ReadAsync(baseline), 10), current);
        var html = CliRunner.TempFile("slow.html");

        var (exit, text, error) = await CliRunner.RunAsync("report", baseline, current, "--html", html);

        Assert.True(exit == 99, error + text);
        Assert.Contains("REGRESSED", text, StringComparison.Ordinal);
        Assert.Contains("<div class=\"verdict failed\" role=\"status\">REGRESSED", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ThreeFiles_Exits2NamingThem()
    {
        var (exit, text, error) = await CliRunner.RunAsync("report", "a.json", "b.json", "c.json", "--html", CliRunner.TempFile("three.html"));

        Assert.Equal(2, exit);
        Assert.Contains("pacer: report takes one result file, or two to compare", error, StringComparison.Ordinal);
        Assert.Contains("a.json b.json c.json", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_MissingCurrent_Exits2NamingIt()
    {
        var baseline = CliRunner.TempFile("present.json");
        await File.WriteAllTextAsync(baseline, "{}");

        var (exit, text, error) = await CliRunner.RunAsync("report", baseline, "/nonexistent/current.json", "--html", CliRunner.TempFile("missing.html"));

        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/current.json: no such result file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_BaselineNotAResult_Exits2NamingIt()
    {
        var baseline = CliRunner.TempFile("not-a-result.json");
        await File.WriteAllTextAsync(baseline, "{\"hello\": 1}");

        var (exit, _, error) = await CliRunner.RunAsync("report", baseline, baseline);

        Assert.Equal(2, exit);
        Assert.Contains(baseline + ": not a Pacer result file", error, StringComparison.Ordinal);
    }
}

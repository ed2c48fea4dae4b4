using System.Xml.Linq;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

public sealed class ReportFilesTests
{
    [Fact]
    public async Task Run_MdAndJunit_WriteTheVerdictAndOneCasePerThreshold()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("ci.yaml");
        await File.WriteAllTextAsync(plan, $"target: {target.BaseAddress}\nrequests: [{{ name: health, path: /health }}]\nload: {{ model: closed, vus: 2, duration: 1s }}\nthresholds:\n  http_req_failed: [\"rate<0.01\"]\n  http_req_duration: [\"p(95)<1us\"]\n");
        var (output, md, junit) = (CliRunner.TempFile("ci.json"), CliRunner.TempFile("ci.md"), CliRunner.TempFile("ci.xml"));

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--out", output, "--md", md, "--junit", junit, "-q");

        Assert.True(exit == 99, error + text);
        var markdown = await File.ReadAllTextAsync(md);
        Assert.Contains("❌ failed 1 of 2 thresholds", markdown, StringComparison.Ordinal);
        Assert.Contains("| health |", markdown, StringComparison.Ordinal);
        var suite = XDocument.Parse(await File.ReadAllTextAsync(junit)).Root!.Element("testsuite")!;

        // One case per threshold; on a busy machine a saturated generator adds a failing case of its own, which is right.
        var thresholds = suite.Elements("testcase").Where(c => c.Attribute("classname")!.Value.StartsWith("http_", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, thresholds.Count);
        Assert.Single(thresholds, c => c.Element("failure") is not null);
        Assert.Contains(thresholds, c => c.Attribute("classname")!.Value == "http_req_duration" && c.Element("failure") is not null);
        Assert.Equal(suite.Elements("testcase").Count().ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("tests")!.Value);
    }

    [Fact]
    public async Task Report_SavedResult_PrintsTheSummaryAndWritesMarkdown()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("saved.json");
        await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--vus", "2", "--duration", "1s", "--out", output, "-q");
        var md = CliRunner.TempFile("saved.md");
        var html = CliRunner.TempFile("saved.html");

        var (exit, text, error) = await CliRunner.RunAsync("report", output, "--md", md, "--html", html);

        Assert.True(exit == 0, error + text);
        Assert.Contains("GET /health", text, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("no thresholds declared", await File.ReadAllTextAsync(md), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_MissingFile_Exits2()
    {
        var (exit, _, error) = await CliRunner.RunAsync("report", "/nonexistent/run.json");

        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/run.json: no such result file", error, StringComparison.Ordinal);
    }
}

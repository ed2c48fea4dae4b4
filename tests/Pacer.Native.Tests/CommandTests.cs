using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Pacer.Native.Tests;

/// <summary>
/// The published (NativeAOT) pacer end to end: what reflection used to do at run time (JSON of results, reports, compare, the
/// demo service's API, EventPipe parsing of a .NET target) is generated at compile time, and each command that depends on it
/// is run here as users run it.
/// </summary>
[Collection(NativeCollection.Name)]
public sealed partial class CommandTests(NativePacer pacer, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void Demo_RunsTheEmbeddedServiceAndPlan_WritesTheResultAndEveryReport()
    {
        using var folder = new TempFolder();
        var run = pacer.Run(folder.Path, Timeout, "demo", "--duration", "3s", "-q", "--out", "demo.json", "--html", "demo.html", "--md", "demo.md", "--junit", "demo.xml");
        output.WriteLine(run.Text);

        // Thresholds may fail on a busy machine (exit 99); anything else is a crash or a refusal.
        Assert.True(run.Exit is 0 or 99, run.Text);
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "demo.json")));
        Assert.Equal("pacer.run/v1", result.RootElement.GetProperty("schema").GetString());
        var metrics = result.RootElement.GetProperty("metrics");
        Assert.True(metrics.GetProperty("http_reqs").GetProperty("count").GetInt64() > 100, run.Text);
        Assert.Equal(0, metrics.GetProperty("http_req_failed").GetProperty("rate").GetDouble());
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder.Path, "demo.html")), StringComparison.Ordinal);
        Assert.Contains("http_req_duration", File.ReadAllText(Path.Combine(folder.Path, "demo.md")), StringComparison.Ordinal);
        Assert.Contains("<testsuite", File.ReadAllText(Path.Combine(folder.Path, "demo.xml")), StringComparison.Ordinal);

        // The saved result read back by every reader: report, check and compare (with its JSON and Markdown).
        var report = pacer.Run(folder.Path, Timeout, "report", "demo.json");
        Assert.True(report.Exit == 0 && report.Stdout.Contains("http_reqs", StringComparison.Ordinal), report.Text);
        var check = pacer.Run(folder.Path, Timeout, "check", "demo.json", "--threshold", "http_req_failed: rate<0.01");
        Assert.True(check.Exit == 0, check.Text);
        var compare = pacer.Run(folder.Path, Timeout, "compare", "demo.json", "--current", "demo.json", "--json", "compare.json", "--md", "compare.md");
        Assert.True(compare.Exit == 0, compare.Text);
        using var comparison = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "compare.json")));
        Assert.Equal("pacer.compare/v1", comparison.RootElement.GetProperty("schema").GetString());
        Assert.False(comparison.RootElement.GetProperty("regressed").GetBoolean());
    }

    [Fact]
    public void Run_JourneysAgainstTheDemoTarget_ExtractAndCheckItsJson_AndWatchThisDotnetProcess()
    {
        using var folder = new TempFolder();
        using var target = NativeProcess.Start(pacer.Binary, ["demo-target", "--port", "0"], folder.Path);
        try
        {
            var address = ListeningAddress(target);
            var plan = Path.Combine(folder.Path, "workflow-mix.yaml");
            File.Copy(Path.Combine(NativePacer.RepositoryRoot(), "examples", "workflow-mix.yaml"), plan);

            // The journeys create sessions (JSON bodies read by the demo target), extract ids from its JSON answers and check
            // fields of them; the test host is a .NET process, so its runtime counters come through EventPipe.
            var run = pacer.Run(folder.Path, Timeout, "run", plan, "--target", address, "--duration", "2s", "-q",
                "--watch-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--out", "mix.json");
            output.WriteLine(run.Text);
            Assert.True(run.Exit is 0 or 99, run.Text);
            using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "mix.json")));
            var root = result.RootElement;
            Assert.True(root.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() >= 40, run.Text);
            Assert.Equal(0, root.GetProperty("metrics").GetProperty("http_req_failed").GetProperty("rate").GetDouble());
            Assert.Equal(1.0, root.GetProperty("metrics").GetProperty("checks").GetProperty("rate").GetDouble());
            var sources = root.GetProperty("target").GetProperty("sources").EnumerateArray().ToList();
            var dotnet = Assert.Single(sources, s => s.GetProperty("kind").GetString() == "dotnet");
            Assert.Empty(dotnet.GetProperty("errors").EnumerateArray());
            var metrics = root.GetProperty("target").GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
            Assert.Contains("dotnet_gc_heap", metrics);
        }
        finally
        {
            target.Kill();
            target.WaitForExit();
        }
    }

    [Fact]
    public void Report_AResultWithANullWhereTheSchemaHasNone_ExitsTwoNamingTheField()
    {
        using var folder = new TempFolder();
        var run = pacer.Run(folder.Path, Timeout, "demo", "--duration", "1s", "-q", "--out", "good.json");
        Assert.True(run.Exit is 0 or 99, run.Text);
        var text = File.ReadAllText(Path.Combine(folder.Path, "good.json"));
        File.WriteAllText(Path.Combine(folder.Path, "bad.json"), WarningsField().Replace(text, "\"warnings\": null", 1));

        var report = pacer.Run(folder.Path, Timeout, "report", "bad.json");
        Assert.Equal(2, report.Exit);
        Assert.Contains("bad.json: invalid pacer.run/v1 file: warnings: is null where the schema requires a value", report.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void History_RecordsARunInSqlite_ListsIt_AndExportsIt()
    {
        using var folder = new TempFolder();
        var run = pacer.Run(folder.Path, Timeout, "demo", "--duration", "1s", "-q", "--out", "one.json");
        Assert.True(run.Exit is 0 or 99, run.Text);
        var add = pacer.Run(folder.Path, Timeout, "history", "add", "one.json", "--label", "build=7");
        Assert.True(add.Exit == 0, add.Text);
        var list = pacer.Run(folder.Path, Timeout, "history", "list");
        Assert.True(list.Exit == 0 && list.Stdout.Contains("demo", StringComparison.Ordinal), list.Text);
        var export = pacer.Run(folder.Path, Timeout, "history", "export", "--json", "--out", "history.json");
        Assert.True(export.Exit == 0, export.Text);
        Assert.Contains("build", File.ReadAllText(Path.Combine(folder.Path, "history.json")), StringComparison.Ordinal);
    }

    /// <summary>The address the demo target prints once it listens (it binds port 0).</summary>
    private static string ListeningAddress(Process target)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var line = target.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"the demo target ended: {target.StandardError.ReadToEnd()}");
            if (Address().Match(line) is { Success: true } match)
            {
                return match.Value;
            }
        }

        throw new TimeoutException("the demo target did not say where it listens within 30 s");
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/?")]
    private static partial Regex Address();

    [GeneratedRegex("\"warnings\": \\[[^\\]]*\\]")]
    private static partial Regex WarningsField();
}

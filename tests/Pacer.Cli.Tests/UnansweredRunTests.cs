using System.Text;
using System.Xml.Linq;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Cli.Tests;

/// <summary>
/// <c>pacer run</c> against servers that do not answer: the exit code, the summary's lines and the JUnit file must not call
/// a run good whose requests failed or never got their answer.
/// </summary>
public sealed class UnansweredRunTests
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    [Fact]
    public async Task Run_ServerLeavesEverySecondRequestUnanswered_Exits99WithThemAsFailures()
    {
        // Before: "http_req_failed 0.00%", "PASSED all 2 thresholds", exit 0; the unanswered half only in a warning.
        var served = 0;
        using var server = new ScriptedServer((_, _) => new ScriptedReply(Interlocked.Increment(ref served) % 2 == 0 ? null : Ok));
        var (exit, text, junit) = await RunAsync(server.BaseAddress, "rate: 20, duration: 2s");

        Assert.Equal(99, exit);
        Assert.Contains("http_req_failed", text, StringComparison.Ordinal);
        Assert.Contains("50.00%  (20 of 40)", text, StringComparison.Ordinal);
        Assert.Contains("✗ http_req_failed rate<0.01", text, StringComparison.Ordinal);
        Assert.Contains("✗ http_req_duration p(95)<100ms", text, StringComparison.Ordinal);
        Assert.Contains("FAILED 2 of 2 thresholds", text, StringComparison.Ordinal);
        Assert.Contains("all requests incl. 20 failed (20 abandoned: lower bounds)", text, StringComparison.Ordinal);
        Assert.Contains("abandoned 20", text, StringComparison.Ordinal);
        // Both thresholds fail as test cases (a short run may add a generator case of its own, which is not this test's subject).
        Assert.Equal(["http_req_failed", "http_req_duration"], FailedCases(junit).Where(c => c.StartsWith("http_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_ServerNeverAnswers_Exits99AndJUnitFails()
    {
        // Before: "✓ … no samples" for both thresholds, exit 0, and a JUnit file with 0 failures.
        using var server = new ScriptedServer((_, _) => new ScriptedReply(null));
        var (exit, text, junit) = await RunAsync(server.BaseAddress, "rate: 20, duration: 1s");

        Assert.Equal(99, exit);
        Assert.DoesNotContain("✓", text, StringComparison.Ordinal);
        Assert.Contains("FAILED no request got a response: 20 sent, all failed (abandoned 20) · 2 of 2 thresholds failed", text, StringComparison.Ordinal);
        Assert.Equal(["http_req_failed", "http_req_duration", "run"], FailedCases(junit).Where(c => c != "generator"));
    }

    [Fact]
    public async Task Run_EveryRequestRefused_LatencyThresholdIsNotPassedAndNoServiceTimeIsInvented()
    {
        // Before: "✓ http_req_duration p(95)<20ms actual 162µs" at 100% refused, and "http_req_service_time avg 1.00µs".
        var (exit, text, _) = await RunAsync(RunCommandTests.DeadPortUrl(), "rate: 50, duration: 1s");

        Assert.Equal(99, exit);
        Assert.Contains("✗ http_req_duration p(95)<100ms", text, StringComparison.Ordinal);
        Assert.Contains("not passed: judged only on 50 failed requests, no successful response", text, StringComparison.Ordinal);
        Assert.Contains("all requests incl. 50 failed", text, StringComparison.Ordinal);
        Assert.Contains("responses only (50 without a response left out)", text, StringComparison.Ordinal);
        Assert.Contains("expected responses only (50 failed left out)", text, StringComparison.Ordinal);
        // A trend with no samples says so, rather than showing 0 or the 1 µs floor as a measured time.
        Assert.Matches(@"http_req_service_time\s+trend\s+no samples", text);
        Assert.DoesNotContain("1.00 µs", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<![\d.,])0 (µs|ms)", text);
    }

    /// <summary>The class names of the failing test cases, in file order.</summary>
    private static List<string> FailedCases(XDocument junit) =>
        [.. junit.Descendants("testcase").Where(c => c.Element("failure") is not null).Select(c => c.Attribute("classname")!.Value)];

    private static async Task<(int Exit, string Text, XDocument JUnit)> RunAsync(Uri target, string load)
    {
        var plan = CliRunner.TempFile("unanswered.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            target: {{target}}
            requests: [{ path: / }]
            load: { model: open, {{load}}, graceful_stop: 1s, warmup: false }
            thresholds:
              http_req_failed: ["rate<0.01"]
              http_req_duration: ["p(95)<100ms"]
            """);
        var output = CliRunner.TempFile("unanswered.json");
        var junit = CliRunner.TempFile("unanswered.xml");

        var (exit, text, _) = await CliRunner.RunAsync("run", plan, "--out", output, "--junit", junit, "-q");

        return (exit, text, XDocument.Load(junit));
    }
}

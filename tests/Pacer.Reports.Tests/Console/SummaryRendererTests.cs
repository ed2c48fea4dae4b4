using Pacer.Core.Results;
using Pacer.Reports.Console;
using Pacer.Reports.Formatting;

namespace Pacer.Reports.Tests.Console;

public sealed class SummaryRendererTests
{
    [Fact]
    public void Render_Result_ShowsRequestsThresholdsErrorsWarningsAndVerdict()
    {
        var stats = new DurationStats(100, 0.5, 2, 1.5, 3, 4, 8, 12, 20, string.Empty);
        var result = new RunResult
        {
            RunId = "r1",
            StartedUtc = DateTimeOffset.UnixEpoch,
            EndedUtc = DateTimeOffset.UnixEpoch.AddSeconds(10),
            DurationSeconds = 10,
            Aborted = true,
            AbortReason = "interrupted by the user",
            Passed = false,
            Plan = new PlanInfo("checkout", "plan.yaml", "sha256:00", string.Empty, "http://127.0.0.1:8080/", "open", 30, []),
            Environment = new EnvironmentInfo("m", "os", ".NET", 2, "1.0", "httpclient/1.1"),
            Metrics = new Dictionary<string, MetricResult>
            {
                ["http_reqs"] = new() { Type = "counter", Count = 100, Rate = 10 },
                ["http_req_failed"] = new() { Type = "rate", Rate = 0.05, Passes = 5, Fails = 95 },
                ["http_req_duration"] = new() { Type = "trend", Unit = "ms", Count = 100, Min = 0.5, Mean = 2, P50 = 1.5, P90 = 3, P95 = 4, P99 = 8, P999 = 12, Max = 20 },
                ["data_sent"] = new() { Type = "counter", Unit = "B", Count = 12_345, Rate = 1234.5 },
                ["vus"] = new() { Type = "gauge", Value = 3, Min = 0, Max = 7 },
            },
            Requests = [new RequestResult("login", "POST", "http://h/login", 60, 6, 5, 5.0 / 60, 0, 0, stats, stats, stats), new RequestResult("list", "GET", "http://h/", 40, 4, 0, 0, 0, 0, stats, stats, stats)],
            Statuses = [],
            Errors = [new ErrorResult("http_5xx", 5, "HTTP 503 Service Unavailable from POST http://h/login")],
            Series = [],
            Thresholds = [new ThresholdResult("http_req_duration", "p(95)<3ms", false, 4, false, null), new ThresholdResult("http_req_failed", "rate<0.1", true, 0.05, false, null)],
            Warnings = ["5 of 100 requests failed (5%): http_5xx 5"],
        };
        using var writer = new StringWriter();

        SummaryRenderer.Render(result, ConsoleFactory.Create(writer, isTerminal: false));
        var text = writer.ToString();

        Assert.Contains("checkout → http://127.0.0.1:8080/", text, StringComparison.Ordinal);
        Assert.Contains("aborted: interrupted by the user", text, StringComparison.Ordinal);
        Assert.Contains("login", text, StringComparison.Ordinal);
        Assert.Contains("8.33%", text, StringComparison.Ordinal);
        Assert.Contains("p99.9", text, StringComparison.Ordinal);
        Assert.Contains("all", text, StringComparison.Ordinal);
        Assert.Contains("✗ http_req_duration p(95)<3ms  actual 4.00 ms", text, StringComparison.Ordinal);
        Assert.Contains("✓ http_req_failed rate<0.1  actual 5.00%", text, StringComparison.Ordinal);
        Assert.Contains("http_5xx 5  e.g. HTTP 503 Service Unavailable", text, StringComparison.Ordinal);
        Assert.Contains("warning: 5 of 100 requests failed", text, StringComparison.Ordinal);
        Assert.Contains("12.3 kB", text, StringComparison.Ordinal);
        Assert.Contains("FAILED 1 of 2 thresholds", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0, false)]
    [InlineData(0.0004, 0, false)]
    [InlineData(0.0, 3, true)]
    [InlineData(1.0, 0, true)]
    public void Duration_ADrainOfNothing_IsNotDescribed(double drainSeconds, long drainRequests, bool described)
    {
        // Before: "988 ms of load of 1 s planned, then a 0 ms drain (0 requests completed in it)" after a run whose requests
        // were all refused during the load.
        var result = Empty(new PlanInfo("p", "plan.yaml", "sha256:00", string.Empty, "http://127.0.0.1:8080/", "open", 1, []), 0.988 + drainSeconds) with
        {
            LoadSeconds = 0.988,
            Drain = new DrainInfo(drainSeconds, drainRequests, 0),
            Passed = false,
        };

        var text = RunShape.Duration(result);

        Assert.StartsWith("988 ms of load of 1 s planned", text, StringComparison.Ordinal);
        Assert.Equal(described, text.Contains("drain", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_MixedModelsWithADrain_SaysWhichScenarioRanUnderWhichAndTheDrainApart()
    {
        // Two scenarios with their own loads, one open and one closed: the header used to say "open model".
        var result = new RunResult
        {
            RunId = "r2",
            StartedUtc = DateTimeOffset.UnixEpoch,
            EndedUtc = DateTimeOffset.UnixEpoch.AddSeconds(32.7),
            DurationSeconds = 32.7,
            LoadSeconds = 30,
            Drain = new DrainInfo(2.7, 148, 0),
            Passed = true,
            Plan = new PlanInfo("shop", "plan.yaml", "sha256:00", string.Empty, "http://127.0.0.1:8080/", "mixed", 30, [])
            {
                ScenarioModels = new Dictionary<string, string> { ["browse"] = "open", ["buy"] = "open", ["admin"] = "closed" },
            },
            Environment = new EnvironmentInfo("m", "os", ".NET", 2, "1.0", "pacer-http1/epoll"),
            Metrics = new Dictionary<string, MetricResult> { ["iterations"] = new() { Type = "counter", Count = 1500, Rate = 50 } },
            Requests = [],
            Statuses = [],
            Errors = [],
            Series = [],
            Thresholds = [],
            Warnings = [],
        };
        using var writer = new StringWriter();

        SummaryRenderer.Render(result, ConsoleFactory.Create(writer, isTerminal: false));
        var text = writer.ToString();

        Assert.Contains("mixed model (closed: admin · open: browse, buy)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("open model", text, StringComparison.Ordinal);
        Assert.Contains("30.0 s of load of 30 s planned, then a 2.70 s drain (148 requests completed in it)", text, StringComparison.Ordinal);
        Assert.Contains("1,500  50.0/s", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 1L, 2L, "scheduling lag p99 12.2 ms (1 of 60 requests late: too few to call it saturated) · CPU 2.00% of 2 cores (peak 4.00%) · 2 connections opened")]
    [InlineData(false, 1L, null, "scheduling lag p99 12.2 ms (1 of 60 requests late: too few to call it saturated) · CPU 2.00% of 2 cores (peak 4.00%)\n")]
    [InlineData(true, 30L, 1L, "GENERATOR SATURATED generator: scheduling lag p99 12.2 ms · CPU 2.00% of 2 cores (peak 4.00%) · 1 connection opened")]
    public void Render_GeneratorLine_CountsConnectionsAndSaysWhenAHighP99IsNoVerdict(bool saturated, long late, long? connections, string expected)
    {
        var result = Empty(new PlanInfo("short", "plan.yaml", "sha256:00", string.Empty, "http://127.0.0.1:8080/", "open", 3, []), 3) with
        {
            Generator = new GeneratorInfo(0.01, 12.2, 12.2, 0.02, 0.04, 0, 2, saturated) { LagSamples = 60, LagLate = late, ConnectionsOpened = connections },
        };
        using var writer = new StringWriter();

        SummaryRenderer.Render(result, ConsoleFactory.Create(writer, isTerminal: false));
        var text = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    /// <summary>A run of <paramref name="seconds"/> with nothing in it, for tests that set only what they are about.</summary>
    private static RunResult Empty(PlanInfo plan, double seconds) => new()
    {
        RunId = "r",
        StartedUtc = DateTimeOffset.UnixEpoch,
        EndedUtc = DateTimeOffset.UnixEpoch.AddSeconds(seconds),
        DurationSeconds = seconds,
        Passed = true,
        Plan = plan,
        Environment = new EnvironmentInfo("m", "os", ".NET", 2, "1.0", "pacer-http1/epoll×1"),
        Metrics = new Dictionary<string, MetricResult>(),
        Requests = [],
        Statuses = [],
        Errors = [],
        Series = [],
        Thresholds = [],
        Warnings = [],
    };
}

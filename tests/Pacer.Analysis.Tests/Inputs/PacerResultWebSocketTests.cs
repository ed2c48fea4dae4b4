using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Inputs;

/// <summary>
/// Two WebSocket runs, built field by field, compared as two HTTP runs are: the message round trip at p50/p95/p99 (whole and per
/// step) with its distribution and per-second series, the handshake's p95, messages per second, and the ws error rate.
/// </summary>
public sealed class PacerResultWebSocketTests
{
    private const int Seconds = 30;

    [Fact]
    public void FromResult_WebSocketRun_HasTheWsObservations()
    {
        var observations = PacerResultReader.FromResult("ws.json", Run(1.0, errors: 3));
        var keys = observations.Select(o => $"{o.Group} {o.Metric}").ToList();

        Assert.Equal(
            [
                "ws_msg_rtt p50", "ws_msg_rtt p95", "ws_msg_rtt p99",
                "ws_msg_rtt{step:run command} p50", "ws_msg_rtt{step:run command} p95", "ws_msg_rtt{step:run command} p99",
                "ws_connecting p95", "ws_msgs_sent msg/s", "ws_msgs_received msg/s", "ws error_rate",
            ],
            keys.Where(k => k.StartsWith("ws", StringComparison.Ordinal)));

        // The session's length is the plan's, not the service's speed: not compared.
        Assert.DoesNotContain(keys, k => k.StartsWith("ws_session_duration", StringComparison.Ordinal));

        var p95 = observations.Single(o => o is { Group: "ws_msg_rtt", Metric: "p95" });
        Assert.Equal(("ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile), (p95.Unit, p95.Direction, p95.Kind));
        Assert.Equal(RoundTrips(1.0).Count, p95.Samples.Count);
        Assert.Equal([.. Enumerable.Range(1, Seconds).Select(t => SecondP95(1.0, t))], p95.Intervals!);

        // A step's breakdown has its distribution, not a per-second series (the series keeps whole metrics only).
        var step = observations.Single(o => o is { Group: "ws_msg_rtt{step:run command}", Metric: "p99" });
        Assert.NotEmpty(step.Samples);
        Assert.Null(step.Intervals);

        var sent = observations.Single(o => o.Group == "ws_msgs_sent");
        Assert.Equal(("msg/s", MetricDirection.HigherIsBetter, ObservationKind.Throughput, 10.0), (sent.Unit, sent.Direction, sent.Kind, sent.Value));
        Assert.Equal(Enumerable.Repeat(10.0, Seconds), sent.Samples);

        // Failed steps over what was tried: 20 sockets, 300 messages sent, and the 3 failed steps themselves.
        var errors = observations.Single(o => o.Group == PacerResultReader.WebSocketGroup);
        Assert.Equal((3L, 323L, ObservationKind.ErrorRate), (errors.Failures, errors.Total, errors.Kind));
    }

    [Fact]
    public void Compare_RoundTripTwiceAsLong_IsARegressionJudgedOverTheSeconds()
    {
        var baseline = new RunData("base.json", InputFormat.Pacer, PacerResultReader.FromResult("base.json", Run(1.0, errors: 0)));
        var current = new RunData("current.json", InputFormat.Pacer, PacerResultReader.FromResult("current.json", Run(2.0, errors: 0)));

        var report = RunComparer.Compare([baseline], [current], new CompareOptions { Resamples = 500 });

        var p95 = report.Rows.Single(r => r is { Group: "ws_msg_rtt", Metric: "p95" });
        Assert.Equal(Verdict.Regressed, p95.Verdict);
        Assert.StartsWith("block bootstrap", p95.Method, StringComparison.Ordinal);
        Assert.InRange(p95.Change, 0.9, 1.1);

        // Same messages per second on both sides: equivalent, judged over the seconds too.
        var sent = report.Rows.Single(r => r.Group == "ws_msgs_sent");
        Assert.Equal(Verdict.Equivalent, sent.Verdict);
        Assert.Contains(report.Rows, r => r is { Group: "ws", Metric: "error_rate", Verdict: Verdict.Equivalent });
        Assert.Contains(report.Rows, r => r is { Group: "ws_connecting", Metric: "p95" });
    }

    [Fact]
    public void FromResult_HttpRun_HasNoWsObservations()
    {
        var run = Run(1.0, errors: 0);
        var http = run with { Metrics = run.Metrics.Where(m => !m.Key.StartsWith("ws_", StringComparison.Ordinal)).ToDictionary() };

        Assert.DoesNotContain(PacerResultReader.FromResult("http.json", http), o => o.Group.StartsWith("ws", StringComparison.Ordinal));
    }

    /// <summary>The round trips of a run whose service is <paramref name="scale"/> times as slow: 300 replies, 1 to 5 ms at scale 1.</summary>
    private static List<double> RoundTrips(double scale) => [.. Enumerable.Range(0, 300).Select(i => scale * (1 + i % 50 * 0.08))];

    /// <summary>Second <paramref name="t"/>'s p95: the run's scale with a little wobble, so the seconds are not all one value.</summary>
    private static double SecondP95(double scale, int t) => Math.Round(scale * (4.5 + 0.3 * Math.Sin(t)), 3);

    private static RunResult Run(double scale, long errors)
    {
        var rtt = RoundTrips(scale);
        var series = Enumerable.Range(1, Seconds).Select(t => new IntervalResult(t, 20, 0, 0, 10, 10, 1, 2, 3, 4, 100, 100)
        {
            Metrics = new Dictionary<string, IntervalMetric>
            {
                ["ws_msgs_sent"] = new(10),
                ["ws_msgs_received"] = new(10),
                ["ws_msg_rtt"] = new(10) { P50 = scale * 2.5, P95 = SecondP95(scale, t), P99 = scale * 5, Max = scale * 5 },
            },
        }).ToList();
        return new RunResult
        {
            RunId = "0123456789abcdef0123456789abcdef",
            StartedUtc = DateTimeOffset.UnixEpoch,
            EndedUtc = DateTimeOffset.UnixEpoch.AddSeconds(Seconds),
            DurationSeconds = Seconds,
            LoadSeconds = Seconds,
            Passed = true,
            Plan = new PlanInfo("terminal", "plan.yaml", "sha256:00", string.Empty, "http://127.0.0.1:8080/", "closed", Seconds, []),
            Environment = new EnvironmentInfo("m", "os", ".NET", 2, "1.0", "pacer-http1/epoll"),
            Metrics = new Dictionary<string, MetricResult>
            {
                ["http_reqs"] = new() { Type = "counter", Count = 600, Rate = 20 },
                ["ws_sessions"] = new() { Type = "counter", Count = 20, Rate = 20.0 / Seconds },
                ["ws_msgs_sent"] = new() { Type = "counter", Count = 300, Rate = 10 },
                ["ws_msgs_received"] = new() { Type = "counter", Count = 300, Rate = 10 },
                ["ws_errors"] = new() { Type = "counter", Count = errors, Rate = errors / (double)Seconds },
                ["ws_connecting"] = Trend([.. Enumerable.Range(0, 20).Select(i => 1 + i * 0.1)]),
                ["ws_session_duration"] = Trend([.. Enumerable.Range(0, 20).Select(i => 1000 + i * 10.0)]),
                ["ws_msg_rtt"] = Trend(rtt),
                ["ws_msg_rtt{step:run command}"] = Trend(rtt),
            },
            Requests = [],
            Statuses = [],
            Errors = [],
            Series = series,
            Thresholds = [],
            Warnings = [],
        };
    }

    private static MetricResult Trend(IReadOnlyList<double> ms)
    {
        var h = new LatencyHistogram();
        foreach (var v in ms)
        {
            h.Record((long)Math.Round(v * 1000));
        }

        return new MetricResult
        {
            Type = "trend",
            Unit = "ms",
            Count = ms.Count,
            Min = ms.Min(),
            Mean = ms.Average(),
            P50 = h.ValueAtPercentile(50) / 1000.0,
            P90 = h.ValueAtPercentile(90) / 1000.0,
            P95 = h.ValueAtPercentile(95) / 1000.0,
            P99 = h.ValueAtPercentile(99) / 1000.0,
            P999 = h.ValueAtPercentile(99.9) / 1000.0,
            Max = ms.Max(),
            Histogram = h.Encode(),
        };
    }
}

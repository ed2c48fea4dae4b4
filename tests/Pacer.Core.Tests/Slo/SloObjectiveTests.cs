using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Slo;

/// <summary>The plan's slo: section: its objectives, good counts read exactly from the histogram, and the error budget.</summary>
public sealed class SloObjectiveTests
{
    private const string Head = "target: http://127.0.0.1:9/\nrequests: [{ name: a, path: /a }]\nload: { model: open, rate: 10, duration: 1s }\n";

    [Fact]
    public void Parse_Objectives_AsShares_WithTheLatencyBound()
    {
        var plan = PlanParser.Parse(Head + "slo:\n  objectives:\n    - { name: availability, metric: http_req_failed, objective: 99.9% }\n    - { name: fast, metric: http_req_duration, below: 25ms, objective: 0.99 }\n", "p.yaml");

        Assert.Equal([new SloObjective("availability", "http_req_failed", 0.999, null), new SloObjective("fast", "http_req_duration", 0.99, 25)], plan.Slo);
    }

    [Theory]
    [InlineData("- { name: a, metric: http_req_failed, objective: 100% }", "p.yaml:6:54: objective '100%' must be above 0% and below 100%")]
    [InlineData("- { name: a, metric: http_req_failed, objective: lots }", "p.yaml:6:54: objective 'lots' is not a share")]
    [InlineData("- { name: a, metric: http_req_duration, objective: 99% }", "p.yaml:6:7: the objective on http_req_duration needs 'below'")]
    [InlineData("- { name: a, metric: http_req_failed, below: 5ms, objective: 99% }", "p.yaml:6:50: 'below' applies to a latency, not http_req_failed")]
    [InlineData("- { name: a, metric: http_req_faild, objective: 99% }", "p.yaml:6:26: an slo objective cannot count good events of 'http_req_faild' (did you mean 'http_req_failed'?)")]
    [InlineData("- { name: a, metric: checks, objective: 99%, window: 30d }", "p.yaml:6:50: unknown key 'window' in an slo objective")]
    public void Parse_Mistakes_NameThePlace(string objective, string expected)
    {
        var e = Assert.Throws<PlanException>(() => PlanParser.Parse(Head + "slo:\n  objectives:\n    " + objective + "\n", "p.yaml"));

        Assert.StartsWith(expected, e.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GoodBelow_CountsTheHistogramsSamplesBelowTheBound_Exactly()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 1000; i++)
        {
            histogram.Record(i * 50); // 50 µs … 50 ms, one each
        }

        // 24.999 ms: samples of 50 µs … 24.95 ms are below it (499 of them), each in a bucket that lies wholly below 25 ms.
        Assert.Equal(499, SloJudge.GoodBelow(histogram, 24.999));
        Assert.Equal(1000, SloJudge.GoodBelow(histogram, 50.001)); // the exact maximum (50 ms) proves the top bucket is below
        Assert.Equal(0, SloJudge.GoodBelow(histogram, 0.05));
    }

    [Theory]
    [InlineData(95)]
    [InlineData(99)]
    [InlineData(99.9)]
    public void LatencyObjective_AgreesWithTheEquivalentPercentileThreshold(double percentile)
    {
        var histogram = new LatencyHistogram();
        var random = new Random(17);
        for (var i = 0; i < 5000; i++)
        {
            histogram.Record(200 + random.Next(60_000));
        }

        foreach (var boundMs in new[] { 10.0, 40.0, 57.3, 59.5, 60.1 })
        {
            var good = SloJudge.GoodBelow(histogram, boundMs);
            var objectiveMet = SloResults.From(new SloVerdict(new SloObjective("x", "http_req_duration", percentile / 100, boundMs), good, histogram.TotalCount)).Passed;
            var thresholdMet = histogram.ValueAtPercentile(percentile) / 1000.0 < boundMs;
            Assert.True(objectiveMet == thresholdMet, $"p({percentile}) {histogram.ValueAtPercentile(percentile)} µs vs {boundMs} ms: objective {objectiveMet}, threshold {thresholdMet}");
        }
    }

    [Fact]
    public void ErrorBudget_AllowedConsumedAndBurnRate()
    {
        var availability = new SloObjective("availability", "http_req_failed", 0.999, null);

        var within = SloResults.From(new SloVerdict(availability, 9_995, 10_000));
        var exactly = SloResults.From(new SloVerdict(availability, 999, 1_000));
        var over = SloResults.From(new SloVerdict(availability, 9_970, 10_000));
        var none = SloResults.From(new SloVerdict(availability, 0, 0));

        Assert.Equal((5L, 10.0, 50.0, 0.5, true), (within.Bad, within.AllowedBad, within.BudgetConsumed, within.BurnRate, within.Passed));
        Assert.Equal((1L, 1.0, 100.0, 1.0, true), (exactly.Bad, exactly.AllowedBad, exactly.BudgetConsumed, exactly.BurnRate, exactly.Passed));
        Assert.Equal((30L, 300.0, 3.0, false), (over.Bad, over.BudgetConsumed, over.BurnRate, over.Passed));
        Assert.False(none.Passed);
        Assert.Equal("not judged: the run counted no http_req_failed events", none.Note);
    }

    [Fact]
    public void Judge_OnTheCatalogue_CountsFailuresChecksAndLatency_AndTheResultFailsOnABlownBudget()
    {
        var plan = PlanParser.Parse(Head + "slo:\n  objectives:\n    - { name: availability, metric: http_req_failed, objective: 90% }\n    - { name: fast, metric: http_req_duration, below: 5ms, objective: 75% }\n", "p.yaml");
        var recorder = new RunRecorder(["a"]);
        var ms = System.Diagnostics.Stopwatch.Frequency / 1000;
        foreach (var (status, millis) in new[] { (200, 1), (200, 2), (200, 3), (500, 9) })
        {
            recorder.RecordRequest(0, 0, new TransportResult(status, status == 200 ? ErrorKind.None : ErrorKind.Http5xx, 0, millis * ms, 1, 1));
        }

        recorder.Tick(1);
        var catalog = new MetricCatalog(new RecorderMetricSource(plan, recorder.Totals, TimeSpan.FromSeconds(1)));

        var results = SloResults.From(plan.Slo.Select(o => SloJudge.Judge(o, catalog)));

        Assert.Equal([("availability", 3L, 4L, false), ("fast", 3L, 4L, true)], results.Select(r => (r.Name, r.Good, r.Total, r.Passed)));
    }
}

using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Thresholds;

namespace Pacer.Core.Tests.Thresholds;

public sealed class ThresholdEvaluatorTests
{
    [Theory]
    [InlineData("p(95)<96ms", true)]
    [InlineData("p(95)<90ms", false)]
    [InlineData("p(50)<=50.1ms", true)] // HDR reports the top of the 32 µs bucket holding 50 ms: 50.015 ms
    [InlineData("avg<51", true)]
    [InlineData("avg<50", false)]
    [InlineData("med<50.1", true)]
    [InlineData("med<50", false)]
    [InlineData("max<=100", true)]
    [InlineData("max<99", false)]
    [InlineData("min>=1", true)]
    [InlineData("min>1", false)]
    [InlineData("count==100", true)]
    public void Evaluate_TrendMetric_ComparesTheHistogramInMilliseconds(string text, bool passes)
    {
        // 1..100 ms, one each: p95 = 95, median 50, mean 50.5.
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 100; ms++)
        {
            histogram.Record(ms * 1000);
        }

        var snapshot = new MetricSnapshot(MetricKind.Trend, histogram.TotalCount, 0, 0, histogram.Min / 1000.0, histogram.Max / 1000.0, histogram.Mean / 1000.0, new HistogramPercentiles(histogram));
        var verdict = ThresholdEvaluator.Evaluate(Spec("http_req_duration", text), snapshot);

        Assert.Equal(passes, verdict.Passed);
        Assert.NotNull(verdict.Actual);
    }

    [Theory]
    [InlineData("rate<0.01", 0.005, true)]
    [InlineData("rate<0.01", 0.01, false)]
    [InlineData("rate<=1%", 0.01, true)]
    public void Evaluate_RateMetric_ComparesTheFraction(string text, double rate, bool passes)
    {
        var verdict = ThresholdEvaluator.Evaluate(Spec("http_req_failed", text), new MetricSnapshot(MetricKind.Rate, 1000, rate, 0, 0, 0, 0, null));

        Assert.Equal(passes, verdict.Passed);
        Assert.Equal(rate, verdict.Actual);
    }

    [Theory]
    [InlineData("count>1000", 1500, 150.0, true)]
    [InlineData("count>1000", 900, 90.0, false)]
    [InlineData("rate>=100", 1500, 150.0, true)]
    [InlineData("rate>=200", 1500, 150.0, false)]
    public void Evaluate_CounterMetric_ComparesCountOrRatePerSecond(string text, long count, double perSecond, bool passes)
    {
        var verdict = ThresholdEvaluator.Evaluate(Spec("http_reqs", text), new MetricSnapshot(MetricKind.Counter, count, perSecond, count, 0, 0, 0, null));

        Assert.Equal(passes, verdict.Passed);
    }

    [Fact]
    public void Evaluate_GaugeMetric_ComparesValueMinMax()
    {
        var snapshot = new MetricSnapshot(MetricKind.Gauge, 10, 0, 20, 5, 50, 0, null);

        Assert.True(ThresholdEvaluator.Evaluate(Spec("vus", "max<=50"), snapshot).Passed);
        Assert.False(ThresholdEvaluator.Evaluate(Spec("vus", "min>5"), snapshot).Passed);
        Assert.True(ThresholdEvaluator.Evaluate(Spec("vus", "value==20"), snapshot).Passed);
    }

    [Fact]
    public void Evaluate_NoSamples_PassesWithANote()
    {
        var verdict = ThresholdEvaluator.Evaluate(Spec("http_req_duration", "p(99)<1ms"), new MetricSnapshot(MetricKind.Trend, 0, 0, 0, 0, 0, 0, null));

        Assert.True(verdict.Passed);
        Assert.Null(verdict.Actual);
        Assert.Equal("no samples", verdict.Note);
    }

    [Theory]
    [InlineData(true, 0, 1, true)]
    [InlineData(true, 10, 5, false)]
    [InlineData(true, 10, 10, true)]
    [InlineData(false, 0, 100, false)]
    public void ShouldAbort_FailedVerdict_HonoursAbortOnFailAndDelay(bool abortOnFail, double delaySeconds, double elapsedSeconds, bool expected)
    {
        var spec = Spec("http_req_failed", "rate<0.01") with { AbortOnFail = abortOnFail, DelayAbortEval = TimeSpan.FromSeconds(delaySeconds) };
        var failed = ThresholdEvaluator.Evaluate(spec, new MetricSnapshot(MetricKind.Rate, 10, 0.5, 0, 0, 0, 0, null));

        Assert.False(failed.Passed);
        Assert.Equal(expected, ThresholdEvaluator.ShouldAbort(spec, failed, TimeSpan.FromSeconds(elapsedSeconds)));
    }

    [Fact]
    public void ShouldAbort_PassingVerdict_NeverAborts()
    {
        var spec = Spec("http_req_failed", "rate<0.01") with { AbortOnFail = true };
        var passed = ThresholdEvaluator.Evaluate(spec, new MetricSnapshot(MetricKind.Rate, 10, 0, 0, 0, 0, 0, null));

        Assert.False(ThresholdEvaluator.ShouldAbort(spec, passed, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Evaluate_LatencyOfFailuresOnly_DoesNotPassAndSaysWhy()
    {
        // 100% refused: every sample is a fast failure. p95 = 0.16 ms meets "p(95)<20ms", which said nothing about the service.
        var histogram = new LatencyHistogram();
        histogram.RecordValues(162, 1000);
        var snapshot = new MetricSnapshot(MetricKind.Trend, 1000, 0, 0, 0.162, 0.162, 0.162, new HistogramPercentiles(histogram)) { Successful = 0 };

        var verdict = ThresholdEvaluator.Evaluate(Spec("http_req_duration", "p(95)<20ms"), snapshot);

        Assert.False(verdict.Passed);
        Assert.NotNull(verdict.Actual);
        Assert.Contains("judged only on 1,000 failed requests", verdict.Note, StringComparison.Ordinal);
        // With one success among them the threshold is judged on all samples, as in k6.
        Assert.True(ThresholdEvaluator.Evaluate(Spec("http_req_duration", "p(95)<20ms"), snapshot with { Successful = 1 }).Passed);
        // The count of samples is no latency claim.
        Assert.True(ThresholdEvaluator.Evaluate(Spec("http_req_duration", "count>10"), snapshot).Passed);
    }

    [Fact]
    public void Evaluate_NoSamplesWhileRequestsWentUnanswered_DoesNotPass()
    {
        var empty = new MetricSnapshot(MetricKind.Trend, 0, 0, 0, 0, 0, 0, null);

        var unanswered = ThresholdEvaluator.Evaluate(Spec("http_req_duration", "p(95)<100ms"), empty, new RunEvidence(100, 0));
        var answered = ThresholdEvaluator.Evaluate(Spec("http_req_duration", "p(95)<100ms"), empty, new RunEvidence(100, 3));
        var nothingSent = ThresholdEvaluator.Evaluate(Spec("http_req_duration", "p(95)<100ms"), null, new RunEvidence(0, 0));

        Assert.False(unanswered.Passed);
        Assert.Equal("no samples: 100 requests were sent and none was answered", unanswered.Note);
        Assert.True(answered.Passed);
        Assert.Equal("no samples", answered.Note);
        Assert.True(nothingSent.Passed);
    }

    private static ThresholdSpec Spec(string metric, string text) =>
        new(metric, [], ThresholdParser.Parse(text), false, TimeSpan.Zero, text);
}

using Pacer.Analysis.Capacity;

namespace Pacer.Analysis.Tests.Capacity;

public sealed class StepWatchTests
{
    [Fact]
    public void A_step_whose_throughput_and_latency_stop_trending_is_steady_after_the_first_second_and_the_window()
    {
        var watch = new StepWatch(100, 50);

        var signals = new[] { 60.0, 98, 101, 99, 100 }.Select(rate => watch.Observe(new StepSecond(rate, 0, 4, 5, 0))).ToList();

        Assert.Equal([StepSignal.Continue, StepSignal.Continue, StepSignal.Continue, StepSignal.Steady, StepSignal.Steady], signals);
    }

    [Fact]
    public void A_noisy_p95_over_a_flat_median_is_still_steady()
    {
        var watch = new StepWatch(10, 100);

        var signals = new[] { 93.0, 40, 70, 35, 90 }.Select(p95 => watch.Observe(new StepSecond(10, 0, 21, p95, 0))).ToList();

        Assert.Equal(StepSignal.Steady, signals[^1]);
    }

    [Fact]
    public void Latency_that_keeps_climbing_is_never_steady()
    {
        var watch = new StepWatch(100, null);

        var signals = Enumerable.Range(1, 10).Select(t => watch.Observe(new StepSecond(100, 0, 4 * t * t, 5 * t * t, 0))).ToList();

        Assert.All(signals, s => Assert.Equal(StepSignal.Continue, s));
    }

    [Theory]
    [InlineData(100, 60, 5, 0)]     // most requests failing
    [InlineData(40, 0, 5, 0)]       // half the offered rate not answered
    [InlineData(100, 0, 5, 20)]     // a fifth of the arrivals dropped
    [InlineData(100, 0, 250, 0)]    // p95 five times the 50 ms limit
    public void Two_seconds_far_over_the_targets_end_the_step_as_clearly_over(double completed, double errors, double p95, long dropped)
    {
        var watch = new StepWatch(100, 50);

        Assert.Equal(StepSignal.Continue, watch.Observe(new StepSecond(completed, errors, 4, p95, dropped)));
        Assert.Equal(StepSignal.ClearlyOver, watch.Observe(new StepSecond(completed, errors, 4, p95, dropped)));
    }

    [Fact]
    public void One_bad_second_between_good_ones_is_not_clearly_over()
    {
        var watch = new StepWatch(100, 50);

        var signals = new[] { 5.0, 500, 5, 500, 5 }.Select(p95 => watch.Observe(new StepSecond(100, 0, 4, p95, 0))).ToList();

        Assert.DoesNotContain(StepSignal.ClearlyOver, signals);
    }

    [Fact]
    public void A_closed_plan_has_no_offered_rate_to_fall_behind()
    {
        var watch = new StepWatch(null, null);

        Assert.Equal(StepSignal.Continue, watch.Observe(new StepSecond(3, 0, 4, 5, 0)));
        Assert.Equal(StepSignal.Continue, watch.Observe(new StepSecond(3, 0, 4, 5, 0)));
    }
}

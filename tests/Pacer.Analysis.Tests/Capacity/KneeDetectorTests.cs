using Pacer.Analysis.Capacity;

namespace Pacer.Analysis.Tests.Capacity;

public sealed class KneeDetectorTests
{
    [Fact]
    public void The_knee_of_an_m_m_1_queue_lies_where_its_latency_starts_to_climb()
    {
        // M/M/1 with a 1 ms service time: latency 1/(1 − ρ) ms at utilisation ρ. The textbook knee is around ρ 0.7–0.85.
        var points = Enumerable.Range(1, 19).Select(i => i * 50.0).Select(rate => (rate, 1 / (1 - rate / 1000.0))).ToList();

        var knee = KneeDetector.Find(points)!;

        Assert.InRange(knee.Kneedle, 650, 850);
        Assert.InRange(knee.LMethod, 650, 900);
        Assert.True(knee.Agree || Math.Abs(knee.Kneedle - knee.LMethod) <= 100);
    }

    [Fact]
    public void A_hockey_stick_of_two_straight_lines_has_its_knee_at_the_corner_by_both_methods()
    {
        // Flat at 5 ms to 600 req/s, then up 1 ms per 10 req/s.
        var points = Enumerable.Range(1, 10).Select(i => i * 100.0).Select(x => (x, x <= 600 ? 5.0 : 5 + (x - 600) / 10)).ToList();

        var knee = KneeDetector.Find(points)!;

        Assert.Equal(600, knee.Kneedle);
        Assert.Equal(600, knee.LMethod);
        Assert.True(knee.Agree);
        Assert.Equal(600, knee.Load);
    }

    [Fact]
    public void Kneedle_on_an_exponential_finds_the_knee_its_definition_gives_in_closed_form()
    {
        // A smooth hockey stick, y = e^(5x) on [0, 1]: normalised, its distance below the chord peaks where the slope equals the
        // chord's, x = ln((e^5 − 1)/5)/5 ≈ 0.678 — the knee Kneedle defines, here known in closed form.
        var points = Enumerable.Range(0, 101).Select(i => i / 100.0).Select(x => (x, Math.Exp(5 * x))).ToList();

        var knee = KneeDetector.Find(points)!;

        Assert.Equal(Math.Log((Math.Exp(5) - 1) / 5) / 5, knee.Kneedle, 0.011);
    }

    [Fact]
    public void Repeated_loads_are_averaged_and_a_flat_or_short_curve_has_no_knee()
    {
        Assert.Null(KneeDetector.Find([(1, 5), (2, 5), (3, 5), (4, 5)]));
        Assert.Null(KneeDetector.Find([(1, 5), (2, 6), (3, 9)]));
        Assert.Null(KneeDetector.Find([(1, 5), (1, 6), (2, 6), (2, 7), (3, 9), (3, 30)]));
        Assert.NotNull(KneeDetector.Find([(1, 5), (1, 6), (2, 6), (3, 7), (4, 30)]));
    }
}

using Pacer.Analysis.Capacity;

namespace Pacer.Analysis.Tests.Capacity;

public sealed class CapacitySearchTests
{
    [Theory]
    [InlineData(1000, 50, 0.0)]
    [InlineData(1840, 100, 0.02)]
    [InlineData(37, 500, 0.03)]
    [InlineData(12_500, 10, 0.02)]
    public async Task Finds_a_known_ceiling_within_five_percent_in_a_bounded_number_of_steps(double ceiling, double start, double noise)
    {
        var service = new SimulatedService(ceiling, noise, seed: 7);

        var found = await CapacitySearch.RunAsync(service, new CapacitySearchOptions(start, 100_000, 1));

        Assert.Equal(CapacityOutcome.Found, found.Outcome);
        Assert.InRange(found.Capacity!.Value, ceiling * 0.95, ceiling * 1.05);
        Assert.InRange(found.Lower!.Value, ceiling * 0.9, found.Capacity.Value);
        Assert.InRange(found.Upper!.Value, found.Capacity.Value, ceiling * 1.1);
        Assert.InRange(found.Steps.Count, 4, 20);
        Assert.Equal(Enumerable.Range(1, found.Steps.Count), found.Steps.Select(s => s.Index));
    }

    [Fact]
    public async Task Without_noise_the_interval_is_the_last_bracket_and_the_capacity_its_holding_end()
    {
        var service = new SimulatedService(1000);

        var found = await CapacitySearch.RunAsync(service, new CapacitySearchOptions(100, 10_000, 1) { Repeats = 1 });

        // 100, 200, 400, 800 hold, 1600 fails; then geometric bisection of [800, 1600] to within 5%.
        Assert.Equal([100, 200, 400, 800, 1600], service.Levels.Take(5));
        Assert.All(found.Steps.Take(5), s => Assert.Equal(CapacityPhase.Bracket, s.Phase));
        Assert.All(found.Steps.Skip(5), s => Assert.Equal(CapacityPhase.Bisect, s.Phase));
        Assert.Equal(found.Capacity, found.Lower);
        Assert.True(found.Upper / found.Lower - 1 <= 0.05);
        Assert.True(found.Capacity <= 1000 && found.Upper > 1000);
        Assert.Equal(found.Upper, found.FirstBroken!.Level);
    }

    [Fact]
    public async Task Repeats_run_the_boundary_again_and_noise_widens_the_interval_rather_than_moving_the_answer()
    {
        var quiet = await CapacitySearch.RunAsync(new SimulatedService(1000, 0, 3), new CapacitySearchOptions(100, 10_000, 1) { Repeats = 3 });
        var noisy = await CapacitySearch.RunAsync(new SimulatedService(1000, 0.08, 3), new CapacitySearchOptions(100, 10_000, 1) { Repeats = 3 });

        Assert.Contains(quiet.Steps, s => s.Phase == CapacityPhase.Confirm);
        Assert.True(noisy.Upper - noisy.Lower >= quiet.Upper - quiet.Lower);
        Assert.InRange(noisy.Capacity!.Value, 1000 * 0.9, 1000 * 1.1);
        Assert.InRange(1000, noisy.Lower!.Value, noisy.Upper!.Value * 1.0001);
    }

    [Fact]
    public async Task A_start_above_the_ceiling_halves_until_a_step_holds()
    {
        var service = new SimulatedService(300);

        var found = await CapacitySearch.RunAsync(service, new CapacitySearchOptions(5000, 10_000, 1) { Repeats = 1 });

        Assert.Equal([5000, 2500, 1250, 625, 312.5, 156.25], service.Levels.Take(6));
        Assert.InRange(found.Capacity!.Value, 285, 300);
    }

    [Fact]
    public async Task Nothing_holding_down_to_the_minimum_is_no_capacity()
    {
        var found = await CapacitySearch.RunAsync(new SimulatedService(5), new CapacitySearchOptions(100, 1000, 10));

        Assert.Equal(CapacityOutcome.NoneHeld, found.Outcome);
        Assert.Null(found.Capacity);
        Assert.Equal(10, found.Steps[^1].Level);
    }

    [Fact]
    public async Task The_maximum_holding_says_the_capacity_is_at_least_that()
    {
        var found = await CapacitySearch.RunAsync(new SimulatedService(1e9), new CapacitySearchOptions(100, 1000, 1));

        Assert.Equal(CapacityOutcome.AboveMaximum, found.Outcome);
        Assert.Equal(1000, found.Capacity);
        Assert.Null(found.Upper);
        Assert.Equal([100, 200, 400, 800, 1000], found.Steps.Select(s => s.Level));
    }

    [Fact]
    public async Task A_miss_while_the_generator_was_saturated_ends_the_search_as_the_generators_limit()
    {
        var found = await CapacitySearch.RunAsync(new SimulatedService(10_000, generatorLimitedAbove: true, generatorLimit: 500), new CapacitySearchOptions(100, 100_000, 1));

        Assert.Equal(CapacityOutcome.GeneratorLimited, found.Outcome);
        Assert.Equal(400, found.Capacity);
        Assert.True(found.Steps[^1].GeneratorLimited);
        Assert.Equal(4, found.Steps.Count);
    }

    [Fact]
    public async Task Whole_levels_for_virtual_users_stop_when_the_bracket_is_one_user_wide()
    {
        var service = new SimulatedService(13);

        var found = await CapacitySearch.RunAsync(service, new CapacitySearchOptions(1, 1000, 1) { WholeLevels = true, Repeats = 1, Precision = 0.01 });

        Assert.All(service.Levels, l => Assert.Equal(Math.Round(l), l));
        Assert.Equal(13, found.Capacity);
        Assert.Equal(14, found.Upper);
    }

    [Fact]
    public async Task The_step_budget_bounds_the_search_and_says_so()
    {
        var found = await CapacitySearch.RunAsync(new SimulatedService(1000), new CapacitySearchOptions(1, 100_000, 1) { MaxSteps = 6 });

        Assert.Equal(6, found.Steps.Count);
        Assert.Equal(CapacityOutcome.StepBudget, found.Outcome);
        Assert.Equal(32, found.Capacity);
    }

    [Fact]
    public async Task Cancelling_keeps_the_steps_already_run()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(step =>
        {
            if (step.Index == 3)
            {
                cancel.Cancel();
            }
        });

        var found = await CapacitySearch.RunAsync(new SimulatedService(1000), new CapacitySearchOptions(100, 10_000, 1), progress, cancel.Token);

        Assert.Equal(CapacityOutcome.Interrupted, found.Outcome);
        Assert.Equal(3, found.Steps.Count);
        Assert.Equal(400, found.Capacity);
    }

    [Theory]
    [InlineData(5, 10, 0, "lowest level")]
    [InlineData(5, 10, 20, "highest level")]
    [InlineData(50, 10, 1, "starting level")]
    public async Task Settings_that_cannot_work_are_refused_by_name(double start, double maximum, double minimum, string named)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => CapacitySearch.RunAsync(new SimulatedService(10), new CapacitySearchOptions(start, maximum, minimum)));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress(Action<CapacityStep> report) : IProgress<CapacityStep>
    {
        public void Report(CapacityStep value) => report(value);
    }
}

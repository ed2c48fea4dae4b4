using Pacer.Core.Flows;
using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Flows;

public sealed class ScenarioPickerTests
{
    private const string Head = "target: http://127.0.0.1:9/\nload: {model: closed, vus: 1, duration: 1s}\n";

    [Fact]
    public void TryTakeRow_UniqueRowsRunOut_TheScenarioIsNoLongerPickedAndANewPickerStartsOver()
    {
        using var data = new TempDataFile(".csv", "user\nann\n");
        var plan = PlanParser.Parse(Head + $$"""
            scenarios:
              - { name: once, weight: 100, data: { file: '{{data.Path}}', order: unique }, steps: [{ path: "/u/${data.user}" }] }
              - { name: always, steps: [{ path: /a }] }
            """, "p.yaml");
        var random = new Random(7);
        var picker = new ScenarioPicker(plan.Scenarios);

        Assert.True(picker.TryTakeRow(0, out var row));
        Assert.Equal("ann", Column(row, "user"));
        Assert.False(picker.TryTakeRow(0, out _));
        Assert.All(Enumerable.Range(0, 200), _ => Assert.Equal(1, picker.Pick(random)));
        Assert.True(picker.TryTakeRow(1, out var none));
        Assert.Null(none);

        // The plan's rows are untouched by the first picker: another run's picker hands out the first row again.
        var next = new ScenarioPicker(plan.Scenarios);
        Assert.True(next.TryTakeRow(0, out var again));
        Assert.Equal("ann", Column(again, "user"));
    }

    [Fact]
    public void Pick_EveryScenarioUsedUp_IsMinusOne()
    {
        using var data = new TempDataFile(".csv", "user\nann\n");
        var plan = PlanParser.Parse(Head + $$"""
            scenarios:
              - { data: { file: '{{data.Path}}', order: unique }, steps: [{ path: "/u/${data.user}" }] }
            """, "p.yaml");
        var picker = new ScenarioPicker(plan.Scenarios);

        Assert.Equal(0, picker.Pick(new Random(1)));
        Assert.True(picker.TryTakeRow(0, out _));
        Assert.False(picker.TryTakeRow(0, out _));

        Assert.Equal(-1, picker.Pick(new Random(1)));
    }

    private static string Column(Pacer.Core.Plans.Scenarios.DataRow? row, string column)
    {
        Assert.NotNull(row);
        Assert.True(row.TryGet(column, out var value));
        return value;
    }
}

using Pacer.Core.Monitoring;
using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Monitoring;

/// <summary>
/// The standard metric names live twice: the watchers write them (Monitoring) and the plan reader checks thresholds against
/// <see cref="TargetMetrics"/> (Plans, which sits before Monitoring and cannot read the watchers). This keeps the two the same:
/// every standard reading a watcher gives must be in the plan's table with the unit it is written in.
/// </summary>
internal static class StandardMetrics
{
    public static void AssertListed(IEnumerable<TargetReading> readings)
    {
        foreach (var reading in readings)
        {
            Assert.True(TargetMetrics.Units.TryGetValue(reading.Metric, out var unit), $"{reading.Metric} is not in TargetMetrics.Units");
            Assert.Equal(unit, TargetUnits.ToName(reading.Unit));
        }
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Pacer.Core.Recording;
using Pacer.Core.Running;
using Pacer.Core.Timing;

namespace Pacer.Core.Tests.Running;

/// <summary>
/// The generator's per-second health for the result's series: one entry per sample, so entry i is the second of recorder tick i.
/// The verdict's per-tick lists leave out ticks without lag and ticks too short for CPU, and lined up with the series by index
/// they put every later second's figures one second early.
/// </summary>
public sealed class GeneratorHealthSeriesTests
{
    [Fact]
    public void PerSample_OneEntryPerSample_EmptyAndShortTicksIncludedAsNulls()
    {
        var time = new FakeTimeProvider();
        var health = new GeneratorHealth(ticks: TickSource.For(time));

        time.Advance(TimeSpan.FromSeconds(1));
        health.Sample();                                    // second 1: nothing sent
        health.RecordLag(8 * Stopwatch.Frequency / 1000);
        time.Advance(TimeSpan.FromSeconds(1));
        health.Sample();                                    // second 2: one arrival 8 ms late
        time.Advance(TimeSpan.FromMilliseconds(50));
        health.Sample();                                    // a 50 ms sliver at the end: too short for CPU

        Assert.Equal(3, health.PerSample.Count);
        Assert.Single(health.LagPerTick);
        Assert.Equal(2, health.CpuPerTick.Count);
        Assert.Null(health.PerSample[0].LagP99Ms);
        Assert.InRange(health.PerSample[1].LagP99Ms!.Value, 7.9, 8.1);
        Assert.Null(health.PerSample[2].LagP99Ms);
        Assert.NotNull(health.PerSample[0].Cpu);
        Assert.InRange(health.PerSample[1].Cpu!.Value, 0, 1);
        Assert.Null(health.PerSample[2].Cpu);
    }

    [Fact]
    public void Restart_TheSetUpsCpu_DoesNotCountInTheFirstSecond()
    {
        // 400 ms of CPU spent before the schedule's time zero (warm-up, a forced collection), then 0.2 s of run: without the
        // restart at time zero the first second read 400 ms over 0.2 s, a pegged generator. The fake clock makes the wall exact.
        var time = new FakeTimeProvider();
        var health = new GeneratorHealth(ticks: TickSource.For(time));
        var spent = Environment.CpuUsage.TotalTime;
        while (Environment.CpuUsage.TotalTime - spent < TimeSpan.FromMilliseconds(400))
        {
            Thread.SpinWait(1000);
        }

        health.Restart();
        time.Advance(TimeSpan.FromMilliseconds(200));
        health.Sample();

        Assert.InRange(health.PerSample.Single().Cpu!.Value, 0, 0.5);
    }
}

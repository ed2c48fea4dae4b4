using System.Diagnostics;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Results;

/// <summary>
/// The per-second figures the run page draws beside the run's own series (issue 15): the generator's lag and CPU on the second
/// they belong to, and each busy request name's latency over time, bounded to the busiest names.
/// </summary>
public sealed class ResultSeriesTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void Build_GeneratorTicks_LandOnTheSecondsTheyWereTakenIn()
    {
        // Three ticks at 1, 2 and 2.4 s; lag only in the second one, CPU not measured in the short last one. Each generator
        // sample is taken right after the recorder tick of the same second, so the lag belongs to t=2, not t=1 or t=2.4.
        var (plan, recorder) = Recorder("a");
        recorder.Tick(1);
        recorder.Tick(2);
        recorder.Tick(2.4);
        var result = Build(plan, recorder, 2.4, [new GeneratorTick(0.25, null), new GeneratorTick(0.5, 7.5), new GeneratorTick(null, null)]);

        Assert.Equal([1.0, 2.0, 2.4], result.Series.Select(i => i.T));
        Assert.Equal([0.25, 0.5, null], result.Series.Select(i => i.GeneratorCpu));
        Assert.Equal([null, 7.5, null], result.Series.Select(i => i.GeneratorLagP99));
    }

    [Fact]
    public void Build_GeneratorTicksNotOnePerInterval_AreLeftOutRatherThanShifted()
    {
        var (plan, recorder) = Recorder("a");
        recorder.Tick(1);
        recorder.Tick(2);
        var result = Build(plan, recorder, 2, [new GeneratorTick(0.5, 7.5)]);

        Assert.All(result.Series, i => Assert.Null(i.GeneratorCpu));
        Assert.All(result.Series, i => Assert.Null(i.GeneratorLagP99));
    }

    [Fact]
    public void Build_NameSeries_HoldsEachSecondOfTheNameAtTheRunsT_AndLeavesOutSecondsWithoutRequests()
    {
        // Name b: 2 requests (10 and 30 ms, one failed) in the first second, none in the second, one of 20 ms in the third.
        var (plan, recorder) = Recorder("a", "b");
        var t0 = Stopwatch.GetTimestamp();
        recorder.StartClock(t0, TimeSpan.FromHours(1));
        recorder.RecordRequest(1, t0, Answered(t0, 0.010));
        recorder.RecordRequest(1, t0, new TransportResult(500, ErrorKind.Http5xx, t0, t0 + (long)(0.030 * Second), 1, 1));
        recorder.Tick(1);
        recorder.Tick(2);
        recorder.RecordRequest(1, t0, Answered(t0, 0.020));
        recorder.Tick(3);
        var result = Build(plan, recorder, 3, []);

        Assert.Null(result.Requests[0].Series);
        var b = result.Requests[1].Series!;
        Assert.Equal([1.0, 3.0], b.Select(s => s.T));
        Assert.Equal([2L, 1L], b.Select(s => s.Requests));
        Assert.Equal([1L, 0L], b.Select(s => s.Errors));
        Assert.InRange(b[0].P50, 9.9, 10.1);
        Assert.InRange(b[0].Max, 29.9, 30.1);
        Assert.InRange(b[1].P99, 19.9, 20.1);
    }

    [Fact]
    public void Build_ManyNames_OnlyTheBusiestCarryASeries()
    {
        // 14 names, name i sending i + 1 requests: the 12 busiest (names 2 to 13) carry a series, the two quietest none.
        var names = Enumerable.Range(0, 14).Select(i => $"n{i}").ToArray();
        var (plan, recorder) = Recorder(names);
        var t0 = Stopwatch.GetTimestamp();
        recorder.StartClock(t0, TimeSpan.FromHours(1));
        for (var i = 0; i < names.Length; i++)
        {
            for (var k = 0; k <= i; k++)
            {
                recorder.RecordRequest(i, t0, Answered(t0, 0.005));
            }
        }

        recorder.Tick(1);
        var result = Build(plan, recorder, 1, []);

        Assert.Equal(ResultBuilder.NamesWithSeries, result.Requests.Count(r => r.Series is not null));
        Assert.Null(result.Requests[0].Series);
        Assert.Null(result.Requests[1].Series);
        Assert.All(result.Requests.Skip(2), r => Assert.Equal(r.Requests, r.Series!.Single().Requests));
    }

    [Fact]
    public void Build_ALongRun_CarriesTheSeriesOfFewerNames_TheBusiest()
    {
        // 5 names busy for 4 hours: 4 × 3,600 name-seconds a name, so 43,200 fit three names, the three busiest.
        var names = Enumerable.Range(0, 5).Select(i => $"n{i}").ToArray();
        var (plan, recorder) = Recorder(names);
        var intervals = names.Select(_ => new NameInterval(1, 0, 1000, 2000, 3000, 4000, 5000)).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            recorder.Totals.PerRequest[i].Requests = 14_400 + i;
        }

        for (var tick = 0; tick < 4 * 3600; tick++)
        {
            recorder.Totals.NameSeries.Add(tick, intervals, recorder.Totals.PerRequest);
            recorder.Totals.Intervals.Add(new IntervalStats(tick + 1, 5, 0, 0, 0, 0, 1, 1000, 2000, 3000, 4000));
        }

        var result = Build(plan, recorder, 4 * 3600, []);

        Assert.Equal([false, false, true, true, true], result.Requests.Select(r => r.Series is not null));
        Assert.Equal(14_400, result.Requests[4].Series!.Count);
    }

    [Fact]
    public void NameSeries_AtTheBound_KeepsTheBusiestNamesWholeAndDropsTheRestForGood()
    {
        // 30 names, name i with i + 1 requests a tick; a bound of 100 entries is passed in the fourth tick (120 entries).
        const int count = 30;
        var totals = new RecorderTotals([.. Enumerable.Range(0, count).Select(i => $"n{i}")]);
        var series = new NameSeries(count, maxEntries: 100);
        var intervals = Enumerable.Range(0, count).Select(i => new NameInterval(i + 1, 0, 1000, 2000, 3000, 4000, 5000)).ToArray();
        for (var tick = 0; tick < 6; tick++)
        {
            for (var i = 0; i < count; i++)
            {
                totals.PerRequest[i].Requests += i + 1;
            }

            series.Add(tick, intervals, totals.PerRequest);
        }

        Assert.True(series.Bounded);
        var kept = Enumerable.Range(0, count).Where(i => series.For(i) is not null).ToList();
        Assert.Equal(Enumerable.Range(count - NameSeries.KeptAfterBound, NameSeries.KeptAfterBound), kept);
        Assert.All(kept, i => Assert.Equal([0, 1, 2, 3, 4, 5], series.For(i)!.Select(s => s.Tick)));
        Assert.Equal(NameSeries.KeptAfterBound * 6, series.Entries);
    }

    [Fact]
    public void NameSeries_TwoHundredNamesForAnHour_StaysWithinItsBoundAndAllocatesAbout48BytesAnEntry()
    {
        // What a 1 h run of 200 busy names keeps: 720,000 entries, under the bound, so every name's series is whole. Measured
        // by allocation (deterministic), not by time.
        const int count = 200;
        var totals = new RecorderTotals([.. Enumerable.Range(0, count).Select(i => $"n{i}")]);
        var series = new NameSeries(count);
        var intervals = Enumerable.Range(0, count).Select(i => new NameInterval(10, 0, 1000, 2000, 3000, 4000, 5000)).ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var tick = 0; tick < 3600; tick++)
        {
            series.Add(tick, intervals, totals.PerRequest);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(series.Bounded);
        Assert.Equal(720_000, series.Entries);

        // 48 bytes an entry, in chunks of 256: each name's last chunk is partly unused (3,840 slots for 3,600 seconds). A list
        // that grows by doubling allocated 109 bytes an entry.
        Assert.InRange(allocated / series.Entries, 48, 56);
    }

    private static (LoadPlan Plan, RunRecorder Recorder) Recorder(params string[] names)
    {
        var requests = string.Join(", ", names.Select(n => $"{{ name: {n}, path: /{n} }}"));
        var plan = PlanParser.Parse($"target: http://127.0.0.1:9/\nrequests: [{requests}]\nload: {{ model: closed, vus: 1, duration: 3s }}\n", "series.yaml");
        return (plan, new RunRecorder(names));
    }

    private static RunResult Build(LoadPlan plan, RunRecorder recorder, double seconds, IReadOnlyList<GeneratorTick> generator)
    {
        var outcome = new RunOutcome(
            recorder.Totals,
            DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddSeconds(seconds),
            TimeSpan.FromSeconds(seconds),
            null,
            false,
            0,
            GeneratorVerdict.From(new LatencyHistogram(), [], 1))
        {
            LoadPeriod = TimeSpan.FromSeconds(seconds),
            GeneratorTicks = generator,
        };
        return ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), "test", new Dictionary<ErrorKind, string>());
    }

    private static TransportResult Answered(long t0, double seconds) => new(200, ErrorKind.None, t0, t0 + (long)(seconds * Second), 1, 1);
}

using Pacer.Core.Recording;

namespace Pacer.Core.Tests.Recording;

public sealed class ConcurrentLatencyHistogramTests
{
    [Fact]
    public void DrainInto_WhileFourThreadsRecord_LosesAndDuplicatesNothing()
    {
        var concurrent = new ConcurrentLatencyHistogram();
        var drained = new LatencyHistogram();
        var expected = new LatencyHistogram();
        var perThread = Enumerable.Range(0, 4).Select(t => LatencyHistogramTests.Generate("lognormal", new Random(t))).ToArray();
        foreach (var v in perThread.SelectMany(x => x))
        {
            expected.Record(v);
        }

        using var done = new CountdownEvent(perThread.Length);
        var threads = perThread.Select(values => new Thread(() =>
        {
            foreach (var v in values)
            {
                concurrent.Record(v);
            }

            done.Signal();
        })).ToList();
        threads.ForEach(t => t.Start());
        while (!done.IsSet)
        {
            concurrent.DrainInto(drained);
        }

        concurrent.DrainInto(drained);
        threads.ForEach(t => t.Join());

        Assert.Equal(expected.TotalCount, drained.TotalCount);
        Assert.Equal(expected.RecordedBuckets(), drained.RecordedBuckets());
        Assert.Equal(expected.Min, drained.Min);
        Assert.Equal(expected.Max, drained.Max);
        Assert.Equal(expected.Mean, drained.Mean, 6);
    }

    [Fact]
    public void DrainInto_Twice_SecondDrainIsEmpty()
    {
        var concurrent = new ConcurrentLatencyHistogram();
        concurrent.Record(500);
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();

        concurrent.DrainInto(first);
        concurrent.DrainInto(second);

        Assert.Equal(1, first.TotalCount);
        Assert.Equal(0, second.TotalCount);
    }
}

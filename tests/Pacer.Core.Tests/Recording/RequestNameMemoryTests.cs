using Pacer.Core.Recording;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Recording;

/// <summary>
/// What a request name costs before it is sent: each name holds nine histograms (four on the hot path, five in the totals),
/// which were allocated whole up front (1.3 MB a name), so 10,000 names took gigabytes and 100,000 ran out of memory.
/// </summary>
public sealed class RequestNameMemoryTests
{
    [Fact]
    public void NewRecorder_NamesNeverSent_CostAFewKilobytesEach()
    {
        var names = Enumerable.Range(0, 1_000).Select(i => $"GET /r{i}").ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var recorder = new RunRecorder(names);
        recorder.Tick(1);
        var perName = (GC.GetAllocatedBytesForCurrentThread() - before) / names.Length;

        // Was about 1,320,000 bytes a name.
        Assert.InRange(perName, 1, 4 * 1024);
        Assert.Equal(0, recorder.Totals.Latency.TotalCount);
    }

    [Fact]
    public void NamesSent_HaveTheirHistograms_OthersStayEmpty()
    {
        var recorder = new RunRecorder(["a", "b", "c"]);
        recorder.RecordRequest(1, 0, new TransportResult(200, ErrorKind.None, 0, 5 * System.Diagnostics.Stopwatch.Frequency / 1000, 10, 10));
        recorder.Tick(1);

        Assert.Equal([0L, 1L, 0L], recorder.Totals.PerRequest.Select(r => r.Latency.TotalCount));
        Assert.InRange(recorder.Totals.PerRequest[1].Latency.Max, 4_900, 5_100);
        Assert.Equal(0, recorder.Totals.PerRequest[0].Latency.ValueAtPercentile(99));
        Assert.Empty(recorder.Totals.PerRequest[2].Latency.RecordedBuckets());
        Assert.Equal(new LatencyHistogram().Encode(), recorder.Totals.PerRequest[0].Latency.Encode());
        Assert.Equal(0, LatencyHistogram.Decode(recorder.Totals.PerRequest[2].Latency.Encode()).TotalCount);
    }
}

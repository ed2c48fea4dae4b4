using Pacer.Core.Recording;
using Pacer.Core.Tests.Truth;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Recording;

public sealed class RequestObserverTests
{
    [Fact]
    public void RecordRequest_WithAnObserver_ShowsItTheRawTicksTheRecorderWouldClamp()
    {
        var log = new RequestLog(4);
        var recorder = new RunRecorder(["a", "b"]) { Observer = log };

        // Sent 100 ticks before its intended start: the recorder's queue time floors at 0, the observer sees the truth.
        recorder.RecordRequest(1, 1_000, new TransportResult(200, ErrorKind.None, 900, 5_000, 10, 20));
        recorder.RecordRequest(0, 2_000, new TransportResult(503, ErrorKind.Http5xx, 2_000, 2_500, 10, 20));

        Assert.Equal(
            [new ObservedRequest(1, 1_000, 900, 5_000, 200, ErrorKind.None), new ObservedRequest(0, 2_000, 2_000, 2_500, 503, ErrorKind.Http5xx)],
            log.Entries);
    }

    [Fact]
    public void Entries_MoreRequestsThanTheLogHolds_SaysSoInsteadOfDroppingThem()
    {
        var log = new RequestLog(1);
        var recorder = new RunRecorder(["a"]) { Observer = log };
        recorder.RecordRequest(0, 0, new TransportResult(200, ErrorKind.None, 0, 1, 1, 1));
        recorder.RecordRequest(0, 0, new TransportResult(200, ErrorKind.None, 0, 1, 1, 1));

        var error = Assert.Throws<InvalidOperationException>(() => log.Entries);
        Assert.Contains("2 requests", error.Message, StringComparison.Ordinal);
    }
}

using Pacer.Core.Running;

namespace Pacer.Core.Tests.Running;

public sealed class StopSignalTests
{
    [Fact]
    public void Request_BeforeTheRunListens_IsDeliveredWhenItDoes_FirstReasonFirst()
    {
        var signal = new StopSignal();
        var seen = new List<string>();
        signal.Request("early");
        signal.Request("later");

        using (signal.Listen((reason, _) => seen.Add(reason)))
        {
            Assert.Equal(["early"], seen);
            signal.Request("while running");
        }

        // Once the run has stopped listening, nothing reaches it.
        signal.Request("after the run");
        Assert.Equal(["early", "while running"], seen);
        Assert.True(signal.Requested);
    }

    [Fact]
    public void Fail_IsDeliveredWithTheException()
    {
        var signal = new StopSignal();
        Exception? seen = null;
        using var listening = signal.Listen((_, fault) => seen = fault);
        var error = new InvalidOperationException("x");

        signal.Fail(error);

        Assert.Same(error, seen);
    }
}

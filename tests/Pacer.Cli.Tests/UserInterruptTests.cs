using Pacer.Core.Engine;
using Pacer.Reports.Console;

namespace Pacer.Cli.Tests;

/// <summary>What Ctrl-C says on a terminal that shows the live progress line (a fake terminal: a writer the printer redraws).</summary>
public sealed class UserInterruptTests
{
    private static readonly RunTick Tick = new()
    {
        Elapsed = TimeSpan.FromSeconds(3),
        Planned = TimeSpan.FromSeconds(10),
        IntervalSeconds = 1,
        All = new IntervalFigures("all", Count: 100, Errors: 0, Rate: 100, P50: 1, P90: 2, P95: 3, P99: 4, Max: 5),
        Requests = [],
        Vus = 1,
        Dropped = 0,
        DataSent = 0,
        DataReceived = 0,
        TotalRequests = 300,
        TotalErrors = 0,
        LagSamples = 0,
        LateSamples = 0,
        LagP99 = 0,
    };

    /// <summary>The third Ctrl-C ends Pacer without exit handlers; what must not outlive it (a started service) is killed first, and only then.</summary>
    [Fact]
    public void Press_Third_CallsTheLastWordsBeforeLettingTheProcessEnd()
    {
        using var interrupt = new UserInterrupt();
        var calls = 0;
        interrupt.LastWords = () => calls++;

        Assert.True(interrupt.Press());
        Assert.True(interrupt.Press());
        Assert.Equal(0, calls);
        Assert.False(interrupt.Press());
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Press_WhileTheProgressLineIsLive_EachMessageStartsOnItsOwnLine()
    {
        using var terminal = new StringWriter { NewLine = "\n" };
        var progress = new ProgressPrinter(terminal, isTerminal: true);
        using var interrupt = new UserInterrupt(terminal, TimeSpan.FromSeconds(2), progress);

        progress.OnTick(Tick);
        Assert.True(interrupt.Press());
        progress.OnTick(Tick with { Elapsed = TimeSpan.FromSeconds(4) });
        Assert.True(interrupt.Press());

        Assert.True(interrupt.Token.IsCancellationRequested);
        Assert.True(interrupt.StopNow.IsCancellationRequested);
        var text = terminal.ToString();
        foreach (var message in new[] { "pacer: stopping: requests in flight get up to 2 s", "pacer: stopping at once:" })
        {
            var at = text.IndexOf(message, StringComparison.Ordinal);
            Assert.True(at > 0 && text[at - 1] == '\n', $"'{message}' does not start a line: {text.Replace("\u001b", "\\x1b", StringComparison.Ordinal)}");
        }
    }
}

using Pacer.Core.Engine;
using Pacer.Reports.Console;

namespace Pacer.Reports.Tests.Console;

public sealed class ProgressPrinterTests
{
    private static readonly RunTick Tick = new()
    {
        Elapsed = TimeSpan.FromSeconds(15),
        Planned = TimeSpan.FromSeconds(30),
        IntervalSeconds = 1,
        All = new IntervalFigures("all", Count: 2000, Errors: 50, Rate: 2000, P50: 0.75, P90: 5, P95: 8, P99: 12.5, Max: 20),
        Requests = [],
        Vus = 7,
        Dropped = 3,
        DataSent = 0,
        DataReceived = 0,
        TotalRequests = 29_000,
        TotalErrors = 120,
        LagSamples = 0,
        LateSamples = 0,
        LagP99 = 0,
    };

    [Fact]
    public void Format_ShowsTheLastSecondInMillisecondsAndTheRunSoFar()
    {
        var line = ProgressPrinter.Format(Tick);

        Assert.StartsWith("[==========          ]    15s/30s", line, StringComparison.Ordinal);
        Assert.Contains("  2,000 req/s", line, StringComparison.Ordinal);
        Assert.Contains($"p50 {Units.Duration(0.75)}", line, StringComparison.Ordinal);
        Assert.Contains($"p99 {Units.Duration(12.5)}", line, StringComparison.Ordinal);
        Assert.Contains($"errors {Units.Percent(0.025)}", line, StringComparison.Ordinal);
        Assert.EndsWith("active 7  dropped 3  total 29,000", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ASecondWithoutRequests_HasNoErrorRate_AndAPlanWithoutDurationIsFull()
    {
        var line = ProgressPrinter.Format(Tick with { Planned = TimeSpan.Zero, All = Tick.All with { Count = 0, Errors = 0 } });

        Assert.StartsWith("[====================]", line, StringComparison.Ordinal);
        Assert.Contains($"errors {Units.Percent(0)}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteLine_OnATerminalWithALiveLine_StartsOnALineOfItsOwn_AndTheNextTickDrawsBelowIt()
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var printer = new ProgressPrinter(writer, isTerminal: true);

        printer.OnTick(Tick);
        printer.WriteLine("pacer: stopping");
        printer.OnTick(Tick with { Elapsed = TimeSpan.FromSeconds(16) });
        printer.Finish();

        var live = "\r\u001b[2K" + ProgressPrinter.Format(Tick);
        var next = "\r\u001b[2K" + ProgressPrinter.Format(Tick with { Elapsed = TimeSpan.FromSeconds(16) });
        Assert.Equal(live + "\npacer: stopping\n" + next + "\n", writer.ToString());
    }

    [Fact]
    public void WriteLine_WithoutALiveLine_AddsNoEmptyLine()
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var printer = new ProgressPrinter(writer, isTerminal: true);

        printer.WriteLine("pacer: stopping");
        printer.Finish();

        Assert.Equal("pacer: stopping\n", writer.ToString());
    }

    [Fact]
    public void OnTick_InALog_WritesALineEveryFiveSeconds()
    {
        using var writer = new StringWriter();
        var printer = new ProgressPrinter(writer, isTerminal: false);

        foreach (var second in new[] { 1, 2, 5, 6, 7 })
        {
            printer.OnTick(Tick with { Elapsed = TimeSpan.FromSeconds(second) });
        }

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("    1s/30s", lines[0], StringComparison.Ordinal);
        Assert.Contains("    6s/30s", lines[1], StringComparison.Ordinal);
    }
}

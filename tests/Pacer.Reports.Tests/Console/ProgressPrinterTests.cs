using Pacer.Core.Engine;
using Pacer.Reports.Console;
using Pacer.Reports.Formatting;

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

        Assert.StartsWith("[==========          ]    15 s of 30 s", line, StringComparison.Ordinal);
        Assert.Contains("rate  2,000.0/s", line, StringComparison.Ordinal);
        Assert.Contains("p50 750 µs", line, StringComparison.Ordinal);
        Assert.Contains("p99 12.5 ms", line, StringComparison.Ordinal);
        Assert.Contains("errors 2.50%", line, StringComparison.Ordinal);
        Assert.EndsWith("active 7  dropped 3  total 29,000", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ASecondWithoutRequests_HasNoErrorRateNorLatency_AndAPlanWithoutDurationIsFull()
    {
        // Before: "errors 0.00%" and the stored zeros as "p50 0.00µs" for a second in which nothing completed.
        var line = ProgressPrinter.Format(Tick with { Planned = TimeSpan.Zero, All = Tick.All with { Count = 0, Errors = 0, Rate = 0, P50 = 0, P99 = 0 } });

        Assert.StartsWith("[====================]    15 s  rate", line, StringComparison.Ordinal);
        Assert.Contains($"p50 {Units.Missing}  p99 {Units.Missing}  errors {Units.Missing}  ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_AMillisecondPlan_SaysOneMillisecondNotZeroSeconds()
    {
        // Before: "0s/0s" for `--duration 1ms`.
        var line = ProgressPrinter.Format(Tick with { Elapsed = TimeSpan.FromMilliseconds(3), Planned = TimeSpan.FromMilliseconds(1) });

        Assert.StartsWith("[====================]     0 s of 1 ms  ", line, StringComparison.Ordinal);
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
        Assert.Contains("    1 s of 30 s", lines[0], StringComparison.Ordinal);
        Assert.Contains("    6 s of 30 s", lines[1], StringComparison.Ordinal);
    }
}

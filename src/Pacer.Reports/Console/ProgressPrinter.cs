using System.Globalization;
using Pacer.Core.Engine;
using Pacer.Reports.Formatting;

namespace Pacer.Reports.Console;

/// <summary>
/// Live progress while a run is going. On a terminal one line is redrawn every second; in a log (CI) a line is written every
/// <see cref="LogEvery"/> so logs stay short. Progress goes to standard error, keeping standard output for the summary.
/// Other lines on the same writer while a run goes (an interrupt's "stopping") come through <see cref="WriteLine"/>, so they
/// start on a line of their own rather than inside the live one.
/// </summary>
internal sealed class ProgressPrinter(TextWriter writer, bool isTerminal)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);
    private TimeSpan? lastLogged;
    private readonly Lock gate = new();
    private bool drewLine;

    /// <summary>Called once a second with the engine's tick (by the CLI's run observer).</summary>
    public void OnTick(RunTick status)
    {
        lock (gate)
        {
            Draw(status);
        }
    }

    /// <summary>
    /// Writes <paramref name="line"/> on a line of its own, from any thread (a signal handler's): the live line, which has no
    /// line break until the run ends, is ended first; the next tick draws a fresh one below.
    /// </summary>
    public void WriteLine(string line)
    {
        lock (gate)
        {
            EndLiveLine();
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    /// <summary>Ends the live line so the summary starts on a clean line.</summary>
    public void Finish()
    {
        lock (gate)
        {
            EndLiveLine();
        }
    }

    private void Draw(RunTick status)
    {
        if (!isTerminal && lastLogged is { } last && status.Elapsed - last < LogEvery)
        {
            return;
        }

        lastLogged = status.Elapsed;
        var line = Format(status);
        if (isTerminal)
        {
            writer.Write("\r\u001b[2K" + line);
            drewLine = true;
        }
        else
        {
            writer.WriteLine(line);
        }

        writer.Flush();
    }

    private void EndLiveLine()
    {
        if (drewLine)
        {
            writer.WriteLine();
            drewLine = false;
        }
    }

    internal static string Format(RunTick status)
    {
        var planned = status.Planned.TotalSeconds;
        var fraction = planned > 0 ? Math.Clamp(status.Elapsed.TotalSeconds / planned, 0, 1) : 1;
        const int Width = 20;
        var filled = (int)Math.Round(fraction * Width);
        var bar = new string('=', filled) + new string(' ', Width - filled);
        var interval = status.All;
        var of = planned > 0 ? " of " + Units.PlanDuration(status.Planned) : string.Empty;

        // A second in which nothing completed has no latency and no error rate (0 of 0 is not 0%).
        var errors = interval.Count == 0 ? Units.Missing : Units.Percent((double)interval.Errors / interval.Count);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{bar}] {status.Elapsed.TotalSeconds,5:0} s{of}  rate {Units.Rate(interval.Rate),10}  p50 {Units.Duration(interval.P50, interval.Count)}  p99 {Units.Duration(interval.P99, interval.Count)}  errors {errors}  active {Units.Count(status.Vus)}  dropped {Units.Count(status.Dropped)}  total {Units.Count(status.TotalRequests)}");
    }
}

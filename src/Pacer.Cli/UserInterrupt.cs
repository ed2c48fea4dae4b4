using System.Runtime.InteropServices;
using Pacer.Reports.Console;

namespace Pacer.Cli;

/// <summary>
/// Turns interrupts into stops the run can handle: the first Ctrl-C (SIGINT), SIGTERM or SIGHUP (a closed terminal, an ssh
/// session dropped) stops the load gracefully — in-flight requests get a short grace, the partial result is written, exit 130.
/// A second Ctrl-C stops at once (in-flight requests abandoned) and still writes the result, which takes milliseconds. Only a
/// third Ctrl-C exits without a result, and it says so first: a user who presses Ctrl-C twice out of impatience must not lose
/// the run, and one who presses it three times has been told what that costs.
/// </summary>
internal sealed class UserInterrupt : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly CancellationTokenSource stopNow = new();
    private readonly TextWriter? error;
    private readonly ProgressPrinter? progress;
    private readonly TimeSpan grace;
    private readonly List<PosixSignalRegistration> signals = [];
    private int presses;

    /// <param name="error">Where to say what each Ctrl-C does; null says nothing (a server, which has no result to keep).</param>
    /// <param name="grace">The grace in-flight requests get after the first interrupt, as the message names it.</param>
    /// <param name="progress">
    /// The live progress line on <paramref name="error"/>, if any: the messages go through it so they start on a line of their
    /// own, not in the middle of the progress line (which has no line break until the run ends).
    /// </param>
    public UserInterrupt(TextWriter? error = null, TimeSpan grace = default, ProgressPrinter? progress = null)
    {
        this.error = error;
        this.grace = grace;
        this.progress = progress;
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
        {
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                signals.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    source.Cancel();
                }));
            }
        }
    }

    /// <summary>
    /// Called at the third Ctrl-C, just before the process ends without a result: what must not outlive Pacer (the service
    /// <c>--watch-cmd</c> started) is killed here, because a SIGINT left to the runtime ends the process without running
    /// its exit handlers.
    /// </summary>
    public Action? LastWords { get; set; }

    /// <summary>Cancelled at the first interrupt: stop gracefully.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Cancelled at the second Ctrl-C: abandon the requests in flight now.</summary>
    public CancellationToken StopNow => stopNow.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        signals.ForEach(s => s.Dispose());
        source.Dispose();
        stopNow.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => e.Cancel = Press();

    /// <summary>One Ctrl-C; whether the process should go on (true for the first two, which stop the run but keep the result).</summary>
    internal bool Press()
    {
        switch (Interlocked.Increment(ref presses))
        {
            case 1:
                Say(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pacer: stopping: requests in flight get up to {Pacer.Reports.Formatting.Units.PlanDuration(grace)}, then the partial result is written; Ctrl-C again stops at once (the result is still written)"));
                source.Cancel();
                return true;
            case 2:
                Say("pacer: stopping at once: requests in flight are abandoned; writing the partial result (a third Ctrl-C exits without it)");
                source.Cancel();
                stopNow.Cancel();
                return true;
            default:
                // Left to the runtime: the process ends now, as the user has insisted three times.
                Say("pacer: third Ctrl-C: exiting without writing the result");
                LastWords?.Invoke();
                return false;
        }
    }

    private void Say(string line)
    {
        if (error is null)
        {
            return;
        }

        try
        {
            if (progress is not null)
            {
                progress.WriteLine(line);
            }
            else
            {
                error.WriteLine(line);
                error.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // A closed terminal (the reason for many interrupts) must not stop the run from stopping; the line is lost, nothing else.
        }
    }
}

using System.Runtime.InteropServices;

namespace Pacer.Cli;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a cancellation the run can handle gracefully: it writes its partial result and exits 130.
/// A second Ctrl-C is left to the runtime, so a user can always force an exit.
/// </summary>
internal sealed class UserInterrupt : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration? sigterm;

    public UserInterrupt()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
        {
            sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                source.Cancel();
            });
        }
    }

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        sigterm?.Dispose();
        source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (source.IsCancellationRequested)
        {
            return;
        }

        e.Cancel = true;
        source.Cancel();
    }
}

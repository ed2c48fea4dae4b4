namespace Pacer.Core.Running;

/// <summary>
/// A request to end a run early, from outside the runner (an observer, an abortOnFail threshold). A request made before the
/// runner is listening is kept and delivered when it starts; the first reason wins, as for any abort.
/// </summary>
internal sealed class StopSignal
{
    private readonly Lock gate = new();
    private Action<string, Exception?>? listener;
    private (string Reason, Exception? Fault)? pending;

    /// <summary>True once a stop was requested.</summary>
    public bool Requested { get; private set; }

    /// <summary>Asks the run to stop generating new work, with <paramref name="reason"/> as its abort reason.</summary>
    public void Request(string reason) => Deliver(reason, null);

    /// <summary>Stops the run as an internal error (the reason says what threw; the CLI exits 1 after writing the partial result).</summary>
    public void Fail(Exception fault) => Deliver(string.Empty, fault);

    /// <summary>Sends requests to <paramref name="onStop"/> until the returned handle is disposed; a pending request is sent now.</summary>
    public IDisposable Listen(Action<string, Exception?> onStop)
    {
        lock (gate)
        {
            listener = onStop;
            if (pending is { } request)
            {
                pending = null;
                onStop(request.Reason, request.Fault);
            }
        }

        return new Listening(this);
    }

    /// <remarks>
    /// Delivered under the lock, so once <see cref="Listen"/>'s handle is disposed (the run's stop state about to go) no request
    /// reaches it; an abort only cancels tokens, so the lock is held for moments.
    /// </remarks>
    private void Deliver(string reason, Exception? fault)
    {
        lock (gate)
        {
            Requested = true;
            if (listener is null)
            {
                pending ??= (reason, fault);
                return;
            }

            listener(reason, fault);
        }
    }

    private sealed class Listening(StopSignal signal) : IDisposable
    {
        public void Dispose()
        {
            lock (signal.gate)
            {
                signal.listener = null;
            }
        }
    }
}

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
        (string Reason, Exception? Fault)? now;
        lock (gate)
        {
            listener = onStop;
            now = pending;
            pending = null;
        }

        if (now is { } request)
        {
            onStop(request.Reason, request.Fault);
        }

        return new Listening(this);
    }

    private void Deliver(string reason, Exception? fault)
    {
        Action<string, Exception?>? target;
        lock (gate)
        {
            Requested = true;
            target = listener;
            if (target is null)
            {
                pending ??= (reason, fault);
            }
        }

        target?.Invoke(reason, fault);
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

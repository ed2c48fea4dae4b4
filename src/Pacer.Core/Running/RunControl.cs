using System.Runtime.CompilerServices;
using Pacer.Core.Platform;
namespace Pacer.Core.Running;

/// <summary>
/// The shared stop state of one run. Two tokens: <see cref="Stopping"/> ends the generation of new work
/// (plan over, request bound reached, abort), <see cref="Cancelled"/> abandons requests still in flight once the grace period is over.
/// </summary>
internal sealed class RunControl : IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource cancelled = new();
    private string? abortReason;
    private int interrupted;
    private long sent;

    public RunControl(long? maxRequests) => MaxRequests = maxRequests ?? long.MaxValue;

    public long MaxRequests { get; }

    public CancellationToken Stopping => stopping.Token;

    public CancellationToken Cancelled => cancelled.Token;

    /// <summary>Why the run ended early, or null when it ran its plan.</summary>
    public string? AbortReason => Volatile.Read(ref abortReason);

    /// <summary>True when a user interrupted the run (Ctrl-C / SIGTERM).</summary>
    public bool Interrupted => Volatile.Read(ref interrupted) == 1;

    /// <summary>Claims permission to send one more request; false once <see cref="MaxRequests"/> have been claimed.</summary>
    [MethodImpl(HotPath.Open)]
    public bool TryClaimRequest()
    {
        if (Interlocked.Increment(ref sent) <= MaxRequests)
        {
            return true;
        }

        Stop();
        return false;
    }

    /// <summary>Ends generation normally (plan finished or request bound reached).</summary>
    public void Stop() => stopping.Cancel();

    /// <summary>Ends generation early and records why; the first reason wins.</summary>
    public void Abort(string reason, bool byUser = false)
    {
        if (Interlocked.CompareExchange(ref abortReason, reason, null) is null && byUser)
        {
            Volatile.Write(ref interrupted, 1);
        }

        stopping.Cancel();
    }

    /// <summary>Abandons requests still in flight.</summary>
    public void CancelInFlight() => cancelled.Cancel();

    public void Dispose()
    {
        stopping.Dispose();
        cancelled.Dispose();
    }
}

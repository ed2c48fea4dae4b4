namespace Pacer.Core.Transport.Http1;

/// <summary>
/// Whether an event loop's deadline scan can find anything among the exchanges on its connections: one whose deadline has
/// passed (the earliest deadline of those placed on a connection is kept) or whose run was cancelled (the few cancellation
/// tokens they carry are kept; past <see cref="MaxTokens"/> distinct ones, every scan looks). Touched only by the loop's thread.
/// </summary>
/// <remarks>
/// The scan runs every 10 ms while requests are in flight and used to walk every connection each time: at 10,000 connections,
/// a million exchanges a second looked at to find, nearly always, nothing — the process's largest cost outside the kernel
/// (1.8% of its samples in <c>perf</c>, about a tenth of its user time). A walk that finds nothing due now costs a comparison
/// and one read per token; the walk itself, when it is due, rebuilds what is kept from the exchanges still in flight.
/// </remarks>
internal sealed class Http1DeadlineWatch
{
    /// <summary>
    /// Distinct tokens kept before giving up and looking every time: a run's exchanges share one (the run's), so a handful
    /// covers every run; a caller giving each request a token of its own gets the walk on every scan, as before this watch.
    /// </summary>
    internal const int MaxTokens = 4;

    private readonly CancellationToken[] tokens = new CancellationToken[MaxTokens];
    private int tokenCount;
    private bool tooManyTokens;
    private long earliestDeadline = long.MaxValue;

    /// <summary>Notes an exchange placed on a connection: its deadline and its cancellation token.</summary>
    public void Note(Http1Exchange exchange)
    {
        if (exchange.DeadlineTicks < earliestDeadline)
        {
            earliestDeadline = exchange.DeadlineTicks;
        }

        var token = exchange.Cancellation;
        if (tooManyTokens || !token.CanBeCanceled)
        {
            return;
        }

        for (var i = 0; i < tokenCount; i++)
        {
            if (tokens[i] == token)
            {
                return;
            }
        }

        if (tokenCount == MaxTokens)
        {
            tooManyTokens = true;
            return;
        }

        tokens[tokenCount++] = token;
    }

    /// <summary>Whether, at <paramref name="now"/>, a noted exchange may have passed its deadline or been cancelled.</summary>
    public bool Due(long now)
    {
        if (tooManyTokens || now > earliestDeadline)
        {
            return true;
        }

        for (var i = 0; i < tokenCount; i++)
        {
            if (tokens[i].IsCancellationRequested)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Forgets everything noted: the scan is about to walk the connections and note again those still in flight.</summary>
    public void Clear()
    {
        Array.Clear(tokens, 0, tokenCount);
        tokenCount = 0;
        tooManyTokens = false;
        earliestDeadline = long.MaxValue;
    }
}

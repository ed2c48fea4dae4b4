namespace Pacer.Core.Flows;

/// <summary>
/// What a <c>ws: stream</c> step's sender and receiver share: the messages awaiting their reply (by correlation value, with
/// their intended send time), how many were sent, whether sending is over, and whether the step already failed (so the
/// socket's end is reported once, by whichever side saw it first). Every member takes the lock: two tasks, a few calls a message.
/// </summary>
internal sealed class StreamReplies
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> pending = new(StringComparer.Ordinal);
    private long sent;
    private bool sendsDone;
    private int failed;
    private volatile bool stop;

    /// <summary>True once a failure or a check that ends the iteration asked the sender to stop.</summary>
    public bool Stopping => stop;

    /// <summary>Messages handed to the socket so far.</summary>
    public long Sent
    {
        get
        {
            lock (gate)
            {
                return sent;
            }
        }
    }

    /// <summary>Awaits the reply of a message intended at <paramref name="dueTicks"/>; false when one in flight carries the same value.</summary>
    public bool Expect(string key, long dueTicks)
    {
        lock (gate)
        {
            return pending.TryAdd(key, dueTicks);
        }
    }

    /// <summary>The message went out (or, <paramref name="delivered"/> false, did not: its reply is no longer awaited).</summary>
    public void Sending(string? key, bool delivered)
    {
        lock (gate)
        {
            if (delivered)
            {
                sent++;
            }
            else if (key is not null)
            {
                pending.Remove(key);
            }
        }
    }

    /// <summary>No more messages will be sent; true when no reply is awaited either (the receiver may stop at once).</summary>
    public bool SendsDone()
    {
        lock (gate)
        {
            sendsDone = true;
            return pending.Count == 0;
        }
    }

    /// <summary>The intended send time of the message <paramref name="key"/> answers, taken off the awaited ones; false when none awaits it.</summary>
    public bool TryTake(string key, out long dueTicks)
    {
        lock (gate)
        {
            return pending.Remove(key, out dueTicks);
        }
    }

    /// <summary>
    /// Takes off every awaited message whose deadline (<paramref name="timeoutTicks"/> after its intended send) is at or before
    /// <paramref name="now"/>, and says how many; <paramref name="next"/> is the earliest deadline left, or of the next message to
    /// send (message <see cref="Sent"/>, due at <paramref name="due"/>) while sending goes on; long.MaxValue when there is none.
    /// </summary>
    public int Expire(long now, long timeoutTicks, Func<long, long> due, out long next, out bool finished)
    {
        lock (gate)
        {
            var expired = 0;
            next = sendsDone ? long.MaxValue : due(sent) + timeoutTicks;
            foreach (var (key, intended) in pending)
            {
                if (intended + timeoutTicks <= now)
                {
                    pending.Remove(key);
                    expired++;
                }
                else
                {
                    next = Math.Min(next, intended + timeoutTicks);
                }
            }

            finished = sendsDone && pending.Count == 0;
            return expired;
        }
    }

    /// <summary>Asks the sender to stop (a failed check that ends the iteration, or the socket's end).</summary>
    public void Stop() => stop = true;

    /// <summary>True for the first caller only: the step's failure is reported once.</summary>
    public bool TryFail()
    {
        stop = true;
        return Interlocked.Exchange(ref failed, 1) == 0;
    }
}

namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// The messages a session received that no step has taken yet: one writer (the receive loop), one reader at a time (the
/// user's steps run in turn). It replaces an unbounded channel, which keeps a 32-slot segment, its reader, writer and a
/// waiting operation per socket (about 1 KB, a quarter of an idle socket's heap, measured by bench/websocket.sh): this
/// allocates its queue only once a message waits unread, and a waiter only while a step waits.
/// </summary>
internal sealed class WebSocketInbox
{
    private readonly Lock gate = new();
    private Queue<WebSocketMessage>? queue;
    private TaskCompletionSource<bool>? waiter;
    private bool completed;

    /// <summary>Queues a message for the reader; false once the inbox is completed.</summary>
    public bool TryWrite(WebSocketMessage message)
    {
        TaskCompletionSource<bool>? wake;
        lock (gate)
        {
            if (completed)
            {
                return false;
            }

            (queue ??= new Queue<WebSocketMessage>(4)).Enqueue(message);
            wake = waiter;
            waiter = null;
        }

        wake?.TrySetResult(true);
        return true;
    }

    /// <summary>No more messages will come: a waiting reader is told so once the queue is empty.</summary>
    public void Complete()
    {
        TaskCompletionSource<bool>? wake;
        lock (gate)
        {
            completed = true;
            wake = waiter;
            waiter = null;
        }

        wake?.TrySetResult(false);
    }

    /// <summary>Takes the oldest queued message, if any.</summary>
    public bool TryRead(out WebSocketMessage message)
    {
        lock (gate)
        {
            if (queue is { Count: > 0 })
            {
                message = queue.Dequeue();
                return true;
            }
        }

        message = null!;
        return false;
    }

    /// <summary>
    /// True when a message is ready to read, false when none will ever come (completed and empty); throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> ends the wait first.
    /// </summary>
    public async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> wait;
        lock (gate)
        {
            if (queue is { Count: > 0 })
            {
                return true;
            }

            if (completed)
            {
                return false;
            }

            // Continuations run off the receive loop, which goes straight back to reading the socket.
            wait = waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return await wait.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}

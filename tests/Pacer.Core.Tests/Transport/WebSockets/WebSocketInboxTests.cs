using Pacer.Core.Transport.WebSockets;

namespace Pacer.Core.Tests.Transport.WebSockets;

/// <summary>The session's inbox: messages in order, a waiting reader woken by a message or by the end, a wait that can be cancelled.</summary>
public sealed class WebSocketInboxTests
{
    [Fact]
    public void Messages_AreReadInTheOrderTheyCame()
    {
        var inbox = new WebSocketInbox();
        Assert.False(inbox.TryRead(out _));
        Assert.True(inbox.TryWrite(Message(1)));
        Assert.True(inbox.TryWrite(Message(2)));

        Assert.True(inbox.TryRead(out var first));
        Assert.True(inbox.TryRead(out var second));
        Assert.Equal([1, 2], [first.Payload[0], second.Payload[0]]);
        Assert.False(inbox.TryRead(out _));
    }

    [Fact]
    public async Task AWaitingReader_IsWokenByTheNextMessage()
    {
        var inbox = new WebSocketInbox();
        var waiting = inbox.WaitToReadAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        inbox.TryWrite(Message(7));
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(inbox.TryRead(out var message));
        Assert.Equal(7, message.Payload[0]);
    }

    [Fact]
    public async Task Completed_LetsQueuedMessagesBeRead_ThenTellsTheReaderNoneWillCome()
    {
        var inbox = new WebSocketInbox();
        var waiting = inbox.WaitToReadAsync(CancellationToken.None).AsTask();
        inbox.Complete();
        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));

        var other = new WebSocketInbox();
        other.TryWrite(Message(1));
        other.Complete();
        Assert.False(other.TryWrite(Message(2)));
        Assert.True(await other.WaitToReadAsync(CancellationToken.None));
        Assert.True(other.TryRead(out _));
        Assert.False(await other.WaitToReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AWait_EndsWhenItsTokenIsCancelled_AndTheNextWaitStillGetsTheMessage()
    {
        var inbox = new WebSocketInbox();
        using var cancel = new CancellationTokenSource();
        var waiting = inbox.WaitToReadAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var again = inbox.WaitToReadAsync(CancellationToken.None).AsTask();
        inbox.TryWrite(Message(3));
        Assert.True(await again.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static WebSocketMessage Message(byte first) => new([first], Binary: true, ReceivedTicks: 0);
}

using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>The event loop's held exchanges, as data: what is held, in which order it comes due, what a cancelled run takes out.</summary>
public sealed class Http1HeldExchangesTests
{
    [Fact]
    public void TryHold_OnlyWhatIsNotDueYet()
    {
        var held = new Http1HeldExchanges();
        var now = System.Diagnostics.Stopwatch.GetTimestamp();

        Assert.False(held.TryHold(Exchange(0)));
        Assert.False(held.TryHold(Exchange(now - 10)));
        Assert.True(held.TryHold(Exchange(now + (System.Diagnostics.Stopwatch.Frequency * 60))));
        Assert.Equal(1, held.Count);
    }

    [Fact]
    public void TryTakeDue_InOrderOfDue_AndNothingBeforeItsTime()
    {
        var held = new Http1HeldExchanges();
        var later = System.Diagnostics.Stopwatch.GetTimestamp() + (System.Diagnostics.Stopwatch.Frequency * 60);
        var third = Exchange(later + 30);
        var first = Exchange(later + 10);
        var second = Exchange(later + 20);
        foreach (var exchange in new[] { third, first, second })
        {
            Assert.True(held.TryHold(exchange));
        }

        Assert.False(held.TryTakeDue(later + 9, out _));
        Assert.True(held.TryPeekDue(out var due));
        Assert.Equal(later + 10, due);
        Assert.True(held.TryTakeDue(later + 25, out var a));
        Assert.True(held.TryTakeDue(later + 25, out var b));
        Assert.False(held.TryTakeDue(later + 25, out _));
        Assert.Same(first, a);
        Assert.Same(second, b);
        Assert.Equal(1, held.Count);
    }

    [Fact]
    public void TakeCancelled_TakesOnlyTheCancelledRunsExchanges_AndKeepsTheOrderOfTheRest()
    {
        var held = new Http1HeldExchanges();
        var later = System.Diagnostics.Stopwatch.GetTimestamp() + (System.Diagnostics.Stopwatch.Frequency * 60);
        using var cancelledRun = new CancellationTokenSource();
        var kept1 = Exchange(later + 1);
        var gone = Exchange(later + 2, cancelledRun.Token);
        var kept2 = Exchange(later + 3);
        foreach (var exchange in new[] { kept2, gone, kept1 })
        {
            Assert.True(held.TryHold(exchange));
        }

        cancelledRun.Cancel();
        var cancelled = new List<Http1Exchange>();
        held.TakeCancelled(cancelled);

        Assert.Equal([gone], cancelled);
        Assert.True(held.TryTakeDue(later + 3, out var a));
        Assert.True(held.TryTakeDue(later + 3, out var b));
        Assert.Equal([kept1, kept2], [a, b]);
    }

    [Fact]
    public void TryWakeAt_IsTheDueMomentItself_AndOnlyTheLastMicrosecondsAreSpun()
    {
        // The loop used to ask its timer for a wake-up early by the timer's measured latency (up to 50 µs) and spin the rest,
        // before every write: most of a core at 20,000 arrivals/s. It now sleeps to the moment, and spins only within 10 µs.
        var held = new Http1HeldExchanges();
        var due = System.Diagnostics.Stopwatch.GetTimestamp() + (System.Diagnostics.Stopwatch.Frequency * 60);
        Assert.False(held.TryWakeAt(out _));
        Assert.True(held.TryHold(Exchange(due)));

        Assert.True(held.TryWakeAt(out var wakeAt));
        Assert.Equal(due, wakeAt);
        Assert.True(held.DueWithinSpin(due - Http1HeldExchanges.SpinTicks, out _));
        Assert.False(held.DueWithinSpin(due - Http1HeldExchanges.SpinTicks - 1, out _));
        Assert.True(Http1HeldExchanges.SpinTicks <= System.Diagnostics.Stopwatch.Frequency * 10 / 1_000_000);
    }

    private static Http1Exchange Exchange(long notBeforeTicks, CancellationToken cancellation = default) =>
        LoopExchanges.Start(notBeforeTicks, cancellation: cancellation);
}

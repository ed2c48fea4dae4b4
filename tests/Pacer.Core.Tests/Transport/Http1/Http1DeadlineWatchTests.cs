using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>
/// When the event loop's deadline scan walks its connections: as soon as a noted exchange's deadline has passed or its run was
/// cancelled, and not before (the walk at 10,000 connections was the loop's largest cost outside the kernel).
/// </summary>
public sealed class Http1DeadlineWatchTests
{
    [Fact]
    public void Due_OnlyOnceTheEarliestNotedDeadlineHasPassed()
    {
        var watch = new Http1DeadlineWatch();
        Assert.False(watch.Due(long.MaxValue - 1));

        watch.Note(Exchange(deadline: 5_000));
        watch.Note(Exchange(deadline: 2_000));
        watch.Note(Exchange(deadline: 9_000));

        Assert.False(watch.Due(1_999));
        Assert.False(watch.Due(2_000));
        Assert.True(watch.Due(2_001));
    }

    [Fact]
    public void Due_AsSoonAsANotedRunIsCancelled_WhateverTheDeadlines()
    {
        var watch = new Http1DeadlineWatch();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        watch.Note(Exchange(deadline: 9_000, first.Token));
        watch.Note(Exchange(deadline: 9_000, second.Token));
        watch.Note(Exchange(deadline: 9_000, first.Token));
        Assert.False(watch.Due(1_000));

        second.Cancel();

        Assert.True(watch.Due(1_000));
    }

    /// <summary>A caller giving each request a token of its own: past a handful of tokens, every scan walks, as before the watch.</summary>
    [Fact]
    public void Due_Always_OnceMoreTokensThanItKeepsWereNoted()
    {
        var watch = new Http1DeadlineWatch();
        var sources = Enumerable.Range(0, Http1DeadlineWatch.MaxTokens + 1).Select(_ => new CancellationTokenSource()).ToList();
        foreach (var source in sources.Take(Http1DeadlineWatch.MaxTokens))
        {
            watch.Note(Exchange(deadline: 9_000, source.Token));
        }

        Assert.False(watch.Due(1_000));
        watch.Note(Exchange(deadline: 9_000, sources[^1].Token));
        Assert.True(watch.Due(1_000));
        sources.ForEach(s => s.Dispose());
    }

    /// <summary>The walk clears the watch and notes again what it leaves in flight: what settled no longer counts.</summary>
    [Fact]
    public void Clear_ForgetsDeadlinesAndTokens()
    {
        var watch = new Http1DeadlineWatch();
        using var run = new CancellationTokenSource();
        watch.Note(Exchange(deadline: 2_000, run.Token));
        run.Cancel();
        Assert.True(watch.Due(1_000));

        watch.Clear();
        watch.Note(Exchange(deadline: 9_000));

        Assert.False(watch.Due(3_000));
        Assert.True(watch.Due(9_001));
    }

    private static Http1Exchange Exchange(long deadline, CancellationToken cancellation = default) =>
        LoopExchanges.Start(deadlineTicks: deadline, cancellation: cancellation);
}

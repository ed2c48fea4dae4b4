namespace Pacer.Core.Recording;

/// <summary>One non-empty bucket: values from <paramref name="From"/> to <paramref name="To"/> µs (inclusive) were seen <paramref name="Count"/> times.</summary>
public readonly record struct HistogramBucket(long From, long To, long Count);

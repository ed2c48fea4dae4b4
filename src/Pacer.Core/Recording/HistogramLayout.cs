using System.Numerics;

namespace Pacer.Core.Recording;

/// <summary>
/// The bucket arithmetic of an HDR histogram (Gil Tene's HdrHistogram layout) fixed at 1 µs to 1 hour with 3 significant digits:
/// 2048 sub-buckets, so values up to 2047 µs are exact and every larger value is kept within 1/1024 of itself.
/// Shared by <see cref="LatencyHistogram"/> and <see cref="ConcurrentLatencyHistogram"/> so both index counts identically.
/// </summary>
internal static class HistogramLayout
{
    /// <summary>Smallest value told apart from others: 1 µs.</summary>
    public const long LowestDiscernibleValue = 1;

    /// <summary>Largest value recorded as itself: one hour in microseconds. Larger values are clamped to it and counted as overflow.</summary>
    public const long HighestTrackableValue = 3_600_000_000;

    /// <summary>Decimal digits of precision.</summary>
    public const int SignificantDigits = 3;

    public const int SubBucketHalfCountMagnitude = 10;
    public const int SubBucketHalfCount = 1 << SubBucketHalfCountMagnitude;
    public const int SubBucketCount = SubBucketHalfCount * 2;
    public const long SubBucketMask = SubBucketCount - 1;

    // unitMagnitude is 0 (lowest discernible value 1), so the base is 64 - 0 - 10 - 1.
    private const int LeadingZeroCountBase = 64 - SubBucketHalfCountMagnitude - 1;

    /// <summary>Buckets needed to reach <see cref="HighestTrackableValue"/>: 2048·2^21 &gt; 3.6e9, so 22.</summary>
    public static readonly int BucketCount = ComputeBucketCount();

    /// <summary>Length of the counts array.</summary>
    public static readonly int CountsLength = (BucketCount + 1) * SubBucketHalfCount;

    public static int IndexOf(long value)
    {
        var bucket = LeadingZeroCountBase - BitOperations.LeadingZeroCount((ulong)(value | SubBucketMask));
        var subBucket = (int)(value >> bucket);
        return ((bucket + 1) << SubBucketHalfCountMagnitude) + (subBucket - SubBucketHalfCount);
    }

    /// <summary>The lowest value that lands in counts[<paramref name="index"/>].</summary>
    public static long ValueFromIndex(int index)
    {
        var bucket = (index >> SubBucketHalfCountMagnitude) - 1;
        var subBucket = (index & (SubBucketHalfCount - 1)) + SubBucketHalfCount;
        if (bucket < 0)
        {
            subBucket -= SubBucketHalfCount;
            bucket = 0;
        }

        return (long)subBucket << bucket;
    }

    /// <summary>How many distinct values share counts[<paramref name="index"/>].</summary>
    public static long RangeSize(int index)
    {
        var bucket = (index >> SubBucketHalfCountMagnitude) - 1;
        return 1L << Math.Max(bucket, 0);
    }

    /// <summary>The highest value that lands in counts[<paramref name="index"/>].</summary>
    public static long HighestEquivalent(int index) => ValueFromIndex(index) + RangeSize(index) - 1;

    /// <summary>Clamps a value into the trackable range; values below 1 µs record as 1 µs.</summary>
    public static long Clamp(long value) => value < LowestDiscernibleValue ? LowestDiscernibleValue : value > HighestTrackableValue ? HighestTrackableValue : value;

    private static int ComputeBucketCount()
    {
        long smallestUntrackable = SubBucketCount;
        var buckets = 1;
        while (smallestUntrackable <= HighestTrackableValue)
        {
            smallestUntrackable <<= 1;
            buckets++;
        }

        return buckets;
    }
}

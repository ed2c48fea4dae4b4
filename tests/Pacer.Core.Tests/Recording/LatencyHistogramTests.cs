using Pacer.Core.Recording;

namespace Pacer.Core.Tests.Recording;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Percentiles = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

    public static TheoryData<string> Distributions => new() { "uniform", "lognormal", "bimodal", "constant", "extremes", "powers-of-two", "sub-bucket-edges", "single" };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void ValueAtPercentile_AnyDistribution_WithinOneThousandthOfExactNearestRank(string distribution)
    {
        var values = Generate(distribution, new Random(42));
        var histogram = new LatencyHistogram();
        foreach (var v in values)
        {
            histogram.Record(v);
        }

        var sorted = values.OrderBy(v => v).ToArray();
        foreach (var p in Percentiles)
        {
            // Nearest rank in decimal: Math.Ceiling(p / 100 * n) in doubles is one rank too high where p · n is whole (p99.9 of 1,000).
            var rank = Math.Max(1, (long)decimal.Ceiling((decimal)p / 100 * sorted.Length));
            var exact = sorted[rank - 1];
            var actual = histogram.ValueAtPercentile(p);
            Assert.True(
                Math.Abs(actual - exact) <= Math.Max(0, exact / 1000.0),
                $"{distribution} p{p}: histogram {actual}, exact {exact}");
        }

        Assert.Equal(sorted.Length, histogram.TotalCount);
        Assert.Equal(sorted[0], histogram.Min);
        Assert.Equal(sorted[^1], histogram.Max);
        Assert.Equal(sorted.Average(v => (double)v), histogram.Mean, 6);
    }

    [Fact]
    public void Record_AboveOneHour_ClampsAndCountsOverflow()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(5_000_000_000);
        histogram.Record(10);

        Assert.Equal(1, histogram.OverflowCount);
        Assert.Equal(2, histogram.TotalCount);
        Assert.Equal(3_600_000_000, histogram.Max);
    }

    [Fact]
    public void Record_ZeroOrNegative_RecordsAsOneMicrosecond()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(0);
        histogram.Record(-5);

        Assert.Equal(1, histogram.Min);
        Assert.Equal(1, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void ValueAtPercentile_Empty_IsZero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.ValueAtPercentile(99));
        Assert.Equal(0, histogram.Min);
        Assert.Equal(0, histogram.Mean);
    }

    [Fact]
    public void Add_TwoHistograms_EqualsHistogramOfTheUnion()
    {
        var random = new Random(7);
        var a = Generate("lognormal", random);
        var b = Generate("bimodal", random);
        var ha = new LatencyHistogram();
        var hb = new LatencyHistogram();
        var union = new LatencyHistogram();
        foreach (var v in a)
        {
            ha.Record(v);
            union.Record(v);
        }

        foreach (var v in b)
        {
            hb.Record(v);
            union.Record(v);
        }

        ha.Add(hb);

        Assert.Equal(union.RecordedBuckets(), ha.RecordedBuckets());
        Assert.Equal(union.TotalCount, ha.TotalCount);
        Assert.Equal(union.Min, ha.Min);
        Assert.Equal(union.Max, ha.Max);
        Assert.Equal(union.Mean, ha.Mean, 6);
    }

    [Fact]
    public void EncodeDecode_RoundTrip_KeepsEveryBucket()
    {
        var histogram = new LatencyHistogram();
        foreach (var v in Generate("lognormal", new Random(3)).Concat(Generate("extremes", new Random(4))))
        {
            histogram.Record(v);
        }

        var decoded = LatencyHistogram.Decode(histogram.Encode());

        Assert.Equal(histogram.RecordedBuckets(), decoded.RecordedBuckets());
        Assert.Equal(histogram.TotalCount, decoded.TotalCount);
        foreach (var p in Percentiles[1..^1])
        {
            Assert.Equal(histogram.ValueAtPercentile(p), decoded.ValueAtPercentile(p), 1.0 * histogram.ValueAtPercentile(p) / 1000);
        }
    }

    [Fact]
    public void Encode_Empty_DecodesToEmpty()
    {
        var decoded = LatencyHistogram.Decode(new LatencyHistogram().Encode());

        Assert.Equal(0, decoded.TotalCount);
    }

    [Fact]
    public void Encode_StartsWithHdrHistogramV2CompressedCookie()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1000);

        var bytes = Convert.FromBase64String(histogram.Encode());

        // 0x1c849304 | 0x10, big-endian: what every HdrHistogram implementation checks first.
        Assert.Equal(new byte[] { 0x1c, 0x84, 0x93, 0x14 }, bytes[..4]);
    }

    [Fact]
    public void Decode_HandBuiltUncompressedV2_ReadsCounts()
    {
        // Header: cookie 0x1c849313, payload length 3, offset 0, 3 digits, lowest 1, highest 3.6e9, ratio 1.0;
        // payload: zigzag(-5) = 9 (five empty buckets), zigzag(2) = 4, zigzag(1) = 2 → value 5 twice, value 6 once.
        var bytes = new List<byte> { 0x1c, 0x84, 0x93, 0x13, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 3 };
        bytes.AddRange(BitConverter.GetBytes(1L).Reverse());
        bytes.AddRange(BitConverter.GetBytes(3_600_000_000L).Reverse());
        bytes.AddRange(BitConverter.GetBytes(1.0).Reverse());
        bytes.AddRange([9, 4, 2]);

        var decoded = LatencyHistogram.Decode(Convert.ToBase64String([.. bytes]));

        Assert.Equal(3, decoded.TotalCount);
        Assert.Equal(5, decoded.ValueAtPercentile(50));
        Assert.Equal(6, decoded.ValueAtPercentile(100));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    [InlineData("HISFFAAAAAQAAAAA")]
    public void Decode_Malformed_ThrowsFormatException(string text)
    {
        Assert.ThrowsAny<FormatException>(() => LatencyHistogram.Decode(text));
    }

    [Fact]
    public void PercentileSpectrum_LogNormal_IsMonotoneAndEndsAtMax()
    {
        var histogram = new LatencyHistogram();
        foreach (var v in Generate("lognormal", new Random(9)))
        {
            histogram.Record(v);
        }

        var spectrum = histogram.PercentileSpectrum();

        Assert.True(spectrum.Count > 20);
        Assert.Equal(0, spectrum[0].Percentile);
        Assert.Equal(100, spectrum[^1].Percentile);
        Assert.Equal(histogram.Max, spectrum[^1].Value);
        for (var i = 1; i < spectrum.Count; i++)
        {
            Assert.True(spectrum[i].Percentile > spectrum[i - 1].Percentile);
            Assert.True(spectrum[i].Value >= spectrum[i - 1].Value);
        }
    }

    [Fact]
    public void Reset_AfterRecording_Empties()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(123);
        histogram.Reset();
        histogram.Record(7);

        Assert.Equal(1, histogram.TotalCount);
        Assert.Equal(7, histogram.Min);
        Assert.Equal(7, histogram.Max);
    }

    internal static long[] Generate(string distribution, Random random) => distribution switch
    {
        "uniform" => [.. Enumerable.Range(0, 20_000).Select(_ => random.NextInt64(1, 10_000_000))],
        "lognormal" => [.. Enumerable.Range(0, 20_000).Select(_ => (long)Math.Exp(7 + (1.5 * Gaussian(random))) + 1)],
        "bimodal" => [.. Enumerable.Range(0, 20_000).Select(i => i % 10 == 0 ? random.NextInt64(900_000, 1_100_000) : random.NextInt64(200, 400))],
        "constant" => [.. Enumerable.Repeat(4_321L, 1000)],
        "extremes" => [.. Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 1L : 3_600_000_000L)],
        "powers-of-two" => [.. Enumerable.Range(0, 32).SelectMany(i => new[] { (1L << i) - 1, 1L << i, (1L << i) + 1 }).Where(v => v is >= 1 and <= 3_600_000_000)],
        "sub-bucket-edges" => [.. new long[] { 1, 2047, 2048, 2049, 4095, 4096, 4097, 1_048_575, 1_048_576, 1_048_577 }.SelectMany(v => Enumerable.Repeat(v, 10))],
        _ => [12_345],
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

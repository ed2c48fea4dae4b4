using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pacer.Analysis.History;

/// <summary>
/// E-divisive over a series in overlapping windows, as Apache Otava (Hunter) does: search [s, s + W), then start the next window
/// at the last change point that window found or half a window on, whichever is later, until a window reaches the end. A change
/// is always seen with at least W/4 runs either side, one search costs O(W²) per shuffle however long the history grows, and —
/// what makes <c>history check</c> incremental — a window that ends before the newest run never changes when runs are appended:
/// its result is a pure function of its own runs, cached under a digest of them (<see cref="HistoryCheckCache"/>), so an append
/// re-examines only the windows that reach the end (the segment after the last change point). A history shorter than one
/// window is searched whole, as plain E-divisive.
/// </summary>
internal static class WindowedSearch
{
    /// <summary>Changes whenever what a window's search computes changes, so entries of an older Pacer are never reused.</summary>
    private const string Algorithm = "e-divisive-window/1";

    /// <summary>Every split tested in every window of <paramref name="series"/>, passed or not.</summary>
    public static List<SplitCandidate> Run(CheckedSeries series, HistoryCheckOptions options, int permutations, HistoryCheckCache? cache)
    {
        var count = series.Runs.Count;
        var scope = Scope(series);
        cache?.Checking(scope);
        var all = new List<SplitCandidate>();
        var start = 0;
        while (true)
        {
            var end = Math.Min(start + options.Window, count);
            var found = cache is null ? Search(series, start, end, options, permutations, null) : Cached(series, scope, start, end, options, permutations, cache);
            all.AddRange(found);
            if (end == count)
            {
                return all;
            }

            var last = found.Where(c => c.Passed).Select(c => c.Index).DefaultIfEmpty(start).Max();
            start = Math.Max(last, start + (options.Window / 2));
        }
    }

    /// <summary>The cache's name of a series: its entries are replaced together when it is checked again.</summary>
    public static string Scope(CheckedSeries series) => $"{series.Kind}:{series.Key}";

    /// <summary>The seed of a window's shuffles: the first window's is the series' own, so a history of one window is checked as plain E-divisive always was.</summary>
    private static ulong Seed(CheckedSeries series, int start, int seed) =>
        StableSeed.Of(start == 0 ? $"{series.Kind}:{series.Key}" : $"{series.Kind}:{series.Key}@{start}", seed);

    private static List<SplitCandidate> Search(CheckedSeries series, int start, int end, HistoryCheckOptions options, int permutations, string? window) =>
        [.. ChangePointSearch.Run(series.Split, start, end, series.Values, options.Test, options.FalseDiscoveryRate, permutations, Seed(series, start, options.Seed))
            .Select(c => c with { Window = window })];

    private static List<SplitCandidate> Cached(CheckedSeries series, string scope, int start, int end, HistoryCheckOptions options, int permutations, HistoryCheckCache cache)
    {
        var key = Key(series, start, end, options, permutations);
        return cache.GetOrAdd(scope, key, () => Search(series, start, end, options, permutations, key), Write, text => Read(text, key, start, end));
    }

    /// <summary>
    /// A digest of everything the window's search reads: the algorithm, the series, the window's position (the seed and the
    /// candidates' indexes depend on it), the options that steer the search, and each run's commit (where a change may begin)
    /// and values, bit for bit.
    /// </summary>
    private static string Key(CheckedSeries series, int start, int end, HistoryCheckOptions options, int permutations)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{Algorithm}\n{Scope(series)}\n{start} {end}\n{options.Test} {BitConverter.DoubleToInt64Bits(options.FalseDiscoveryRate)} {permutations} {options.MinimumSegment} {options.Seed}\n")));
        Span<byte> bits = stackalloc byte[8];
        for (var i = start; i < end; i++)
        {
            hash.AppendData(Encoding.UTF8.GetBytes((series.Runs[i].Commit ?? "\0") + "\n"));
            foreach (var column in series.Columns)
            {
                BitConverter.TryWriteBytes(bits, BitConverter.DoubleToInt64Bits(column[i]));
                hash.AppendData(bits);
            }
        }

        return $"w:{start}-{end}:{Convert.ToHexString(hash.GetHashAndReset())}";
    }

    /// <summary>The key of a candidate's extra permutations up to <paramref name="target"/>, from where it stands now.</summary>
    public static string RefineKey(SplitCandidate candidate, int target) =>
        string.Create(CultureInfo.InvariantCulture, $"{candidate.Window}/r:{candidate.Index}:{candidate.Start}-{candidate.End}:{candidate.Drawn}:{candidate.AtLeast}:{target}");

    /// <summary>Candidates as text, one a line; doubles as their exact bits so a cached p-value is the computed one.</summary>
    private static string Write(List<SplitCandidate> candidates) =>
        string.Join('\n', candidates.Select(c => string.Create(
            CultureInfo.InvariantCulture,
            $"{c.Index} {c.Start} {c.End} {BitConverter.DoubleToInt64Bits(c.Q):X16} {c.Drawn} {c.AtLeast} {BitConverter.DoubleToInt64Bits(c.PValue):X16} {(c.Passed ? 1 : 0)}")));

    /// <summary>The candidates back, or null when the text is not what <see cref="Write"/> wrote for this window.</summary>
    private static List<SplitCandidate>? Read(string text, string window, int start, int end)
    {
        var candidates = new List<SplitCandidate>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            var candidate = new SplitCandidate(
                Int(f[0]), Int(f[1]), Int(f[2]), Bits(f[3]), Int(f[4]), Int(f[5]), Bits(f[6]), f[7] == "1", window);
            if (f.Length != 8 || candidate.Start < start || candidate.End > end || candidate.Index <= candidate.Start || candidate.Index >= candidate.End)
            {
                return null;
            }

            candidates.Add(candidate);
        }

        return candidates;
    }

    /// <summary>A refined candidate as text: what its permutations drew.</summary>
    public static string WriteRefined(SplitCandidate candidate) =>
        string.Create(CultureInfo.InvariantCulture, $"{candidate.Drawn} {candidate.AtLeast} {BitConverter.DoubleToInt64Bits(candidate.PValue):X16}");

    /// <summary>The refined candidate back, or null when the text is not what <see cref="WriteRefined"/> wrote.</summary>
    public static SplitCandidate? ReadRefined(SplitCandidate candidate, string text)
    {
        var f = text.Split(' ');
        return f.Length == 3 ? candidate with { Drawn = Int(f[0]), AtLeast = Int(f[1]), PValue = Bits(f[2]) } : null;
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Bits(string text) => BitConverter.Int64BitsToDouble(long.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}

using System.Runtime.CompilerServices;
using Pacer.Core.Plans;
using Pacer.Core.Platform;

namespace Pacer.Core.Running;

/// <summary>
/// Chooses which request of the mix iteration <c>i</c> sends, as a pure function of <c>i</c>.
/// A golden-ratio (Weyl) sequence spreads the picks evenly: any window of iterations holds each request in close to its
/// weight's share, which a per-worker random generator does not guarantee, and the same iteration always picks the same request,
/// so shares of a run split across machines stay deterministic.
/// </summary>
internal sealed class RequestPicker
{
    private const double GoldenFraction = 0.6180339887498949;
    private readonly double[] cumulative;

    public RequestPicker(IReadOnlyList<RequestSpec> requests)
    {
        ArgumentOutOfRangeException.ThrowIfZero(requests.Count);
        cumulative = new double[requests.Count];
        var total = requests.Sum(r => r.Weight);
        var running = 0.0;
        for (var i = 0; i < requests.Count; i++)
        {
            running += requests[i].Weight / total;
            cumulative[i] = running;
        }

        cumulative[^1] = 1.0;
    }

    /// <summary>The index of the request iteration <paramref name="iteration"/> sends.</summary>
    [MethodImpl(HotPath.Open)]
    public int Pick(long iteration)
    {
        if (cumulative.Length == 1)
        {
            return 0;
        }

        // Multiply in two halves so large iteration numbers keep their fractional precision.
        var hi = iteration >> 20;
        var lo = iteration & 0xFFFFF;
        var u = (Frac(hi * (GoldenFraction * (1 << 20))) + Frac(lo * GoldenFraction)) % 1.0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }

        return cumulative.Length - 1;
    }

    private static double Frac(double x) => x - Math.Floor(x);
}

using System.Runtime.CompilerServices;

namespace Pacer.Core.Platform;

/// <summary>
/// How the JIT treats the open model's per-arrival methods (issue 12 defect 6, docs/truth.md round 6). With tiered compilation
/// a method first runs as quick, unoptimised code and is re-compiled once the runtime has counted it hot — which it only
/// starts doing after 100 ms without a new first-time compilation, so at 10,000 arrivals/s the re-compilation of the path
/// landed 150–500 ms into the run, as one stall of 5–18 ms. Marked <see cref="MethodImplOptions.AggressiveOptimization"/>, a
/// method is compiled fully optimised at its first call (in the warm-up) and never again, and its first call does not restart
/// the runtime's wait; the price is no dynamic PGO for it, so the closed model's throughput decides
/// (<c>bench/startup.sh</c>).
/// </summary>
/// <remarks>
/// Switched at build time by the MSBuild property <c>PacerHotPath</c>: <c>open</c> marks only the methods the open model's
/// schedule runs (dispatcher, pacing, schedule, request claim and pick, held exchanges, lag), <c>all</c> also those every
/// request runs in both models (the event loop's exchange path, the recorder), <c>none</c> marks nothing. A Debug build
/// compiles Pacer's own code without optimisation and never re-compiles it, whatever the attribute says.
/// </remarks>
internal static class HotPath
{
#if PACER_HOTPATH_OPEN || PACER_HOTPATH_ALL
    /// <summary>For a method only the open model's schedule runs, once per arrival.</summary>
    public const MethodImplOptions Open = MethodImplOptions.AggressiveOptimization;
#else
    /// <summary>For a method only the open model's schedule runs, once per arrival.</summary>
    public const MethodImplOptions Open = 0;
#endif

#if PACER_HOTPATH_ALL
    /// <summary>For a method every request runs, in either model.</summary>
    public const MethodImplOptions Shared = MethodImplOptions.AggressiveOptimization;
#else
    /// <summary>For a method every request runs, in either model.</summary>
    public const MethodImplOptions Shared = 0;
#endif
}

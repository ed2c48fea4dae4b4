namespace Pacer.Core.Tests.Truth;

/// <summary>How the <see cref="TruthServer"/> answers one request.</summary>
/// <param name="Status">The status to answer with.</param>
/// <param name="NotBeforeTicks">Stopwatch ticks before which the response is not written (the imposed service time, or a stall's end).</param>
internal readonly record struct TruthReply(int Status, long NotBeforeTicks);

namespace Pacer.Core.Tests.Truth;

/// <summary>A request as the <see cref="TruthServer"/> saw it, before it answers.</summary>
/// <param name="Index">Order of arrival at the server, from 0 (warm-up requests included).</param>
/// <param name="Method">The request line's method.</param>
/// <param name="Path">The request line's target, as sent.</param>
/// <param name="ArrivalTicks">Stopwatch ticks when the request's first byte was read.</param>
internal readonly record struct TruthRequest(long Index, string Method, string Path, long ArrivalTicks);

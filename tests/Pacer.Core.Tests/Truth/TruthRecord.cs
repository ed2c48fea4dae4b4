using System.Diagnostics;

namespace Pacer.Core.Tests.Truth;

/// <summary>The <see cref="TruthServer"/>'s log line for one request: what it was, when it arrived, when it was answered.</summary>
/// <param name="Index">Order of arrival at the server, from 0.</param>
/// <param name="Method">The request line's method.</param>
/// <param name="Path">The request line's target.</param>
/// <param name="Status">The status answered (0 if the client was gone before the answer could be written).</param>
/// <param name="ArrivalTicks">Stopwatch ticks when the first byte was read.</param>
/// <param name="DoneTicks">Stopwatch ticks when the server began writing its answer (the client cannot have it sooner).</param>
/// <param name="Connection">The connection it came on, numbered from 0 in order of acceptance.</param>
internal readonly record struct TruthRecord(long Index, string Method, string Path, int Status, long ArrivalTicks, long DoneTicks, int Connection)
{
    /// <summary>The server's own service time: first byte in to the start of the answer's write.</summary>
    public long ServiceTicks => DoneTicks - ArrivalTicks;

    /// <summary>The service time in microseconds, the unit Pacer's histograms keep.</summary>
    public double ServiceMicros => ServiceTicks * 1_000_000.0 / Stopwatch.Frequency;
}

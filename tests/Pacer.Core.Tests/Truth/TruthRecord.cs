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
/// <param name="KernelArrivalTicks">
/// Stopwatch ticks when the kernel received the bytes of the read that brought the first byte (its software receive timestamp,
/// <see cref="KernelStampedReceiver"/>), or 0 where the kernel gave none.
/// </param>
internal readonly record struct TruthRecord(long Index, string Method, string Path, int Status, long ArrivalTicks, long DoneTicks, int Connection, long KernelArrivalTicks = 0)
{
    /// <summary>
    /// When the request reached the server's socket: the kernel's stamp where there is one. Arrival times are judged by it,
    /// because the server's thread reads late whenever it is descheduled (by up to 56 ms on two shared cores, measured), and
    /// that lateness is the reference server's, not Pacer's.
    /// </summary>
    public long WireArrivalTicks => KernelArrivalTicks != 0 ? KernelArrivalTicks : ArrivalTicks;

    /// <summary>The server's own service time: first byte in to the start of the answer's write.</summary>
    public long ServiceTicks => DoneTicks - ArrivalTicks;

    /// <summary>The service time in microseconds, the unit Pacer's histograms keep.</summary>
    public double ServiceMicros => ServiceTicks * 1_000_000.0 / Stopwatch.Frequency;
}

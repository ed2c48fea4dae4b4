namespace Pacer.Core.Running;

/// <summary>One open-model arrival handed from the dispatcher to a connection worker.</summary>
/// <param name="Index">Arrival number from 0; picks the request.</param>
/// <param name="IntendedTicks">Stopwatch tick at which it was scheduled: latency is measured from here.</param>
/// <param name="DispatchedTicks">When the dispatcher released it: late by the dispatcher's own lag, or, on a transport that paces the writes, up to 2 ms early.</param>
/// <param name="PoolWasFull">Every connection was busy when it was released, so waiting for one is the pool's doing, not Pacer's.</param>
/// <param name="Rehearsal">Sent before the clock starts to warm the lane's path (see <see cref="OpenLaneRunner"/>): recorded nowhere.</param>
internal readonly record struct Arrival(long Index, long IntendedTicks, long DispatchedTicks, bool PoolWasFull, bool Rehearsal = false);

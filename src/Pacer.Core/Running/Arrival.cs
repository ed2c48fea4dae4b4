namespace Pacer.Core.Running;

/// <summary>One open-model arrival handed from the dispatcher to a connection worker.</summary>
/// <param name="Index">Arrival number from 0; picks the request.</param>
/// <param name="IntendedTicks">Stopwatch tick at which it was scheduled: latency is measured from here.</param>
internal readonly record struct Arrival(long Index, long IntendedTicks);

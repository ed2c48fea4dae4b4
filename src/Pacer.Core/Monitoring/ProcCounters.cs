namespace Pacer.Core.Monitoring;

/// <summary>One process's counters at one reading (CPU in clock ticks), and the arithmetic of their deltas.</summary>
internal readonly record struct ProcCounters(
    int Pid,
    long StartTicks,
    long UserTicks,
    long SystemTicks,
    long Voluntary,
    long Involuntary,
    long ReadBytes,
    long WriteBytes,
    long Threads)
{
    /// <summary>What happened since <paramref name="before"/>; a counter that went backwards (it cannot, for one process) counts as 0.</summary>
    public ProcCounters Minus(ProcCounters before) => this with
    {
        UserTicks = Math.Max(0, UserTicks - before.UserTicks),
        SystemTicks = Math.Max(0, SystemTicks - before.SystemTicks),
        Voluntary = Math.Max(0, Voluntary - before.Voluntary),
        Involuntary = Math.Max(0, Involuntary - before.Involuntary),
        ReadBytes = Math.Max(0, ReadBytes - before.ReadBytes),
        WriteBytes = Math.Max(0, WriteBytes - before.WriteBytes),
    };

    public ProcCounters Plus(ProcCounters other) => this with
    {
        UserTicks = UserTicks + other.UserTicks,
        SystemTicks = SystemTicks + other.SystemTicks,
        Voluntary = Voluntary + other.Voluntary,
        Involuntary = Involuntary + other.Involuntary,
        ReadBytes = ReadBytes + other.ReadBytes,
        WriteBytes = WriteBytes + other.WriteBytes,
    };
}

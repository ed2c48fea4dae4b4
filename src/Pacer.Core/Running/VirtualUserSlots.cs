namespace Pacer.Core.Running;

/// <summary>
/// Which virtual users are running. The ramp controller starts slot k while k &lt; target; a user leaves when its slot is no
/// longer below the target (after finishing its iteration, like k6's graceful ramp-down). The compare-and-swap on the slot
/// state keeps the two from racing: a user that leaves just as the target rises again takes its slot back itself.
/// </summary>
internal sealed class VirtualUserSlots(int capacity)
{
    private readonly int[] running = new int[capacity];
    private int target;

    /// <summary>The number of users that should be running.</summary>
    public int Target
    {
        get => Volatile.Read(ref target);
        set => Volatile.Write(ref target, Math.Min(value, running.Length));
    }

    /// <summary>Marks <paramref name="slot"/> running; false when it already is (so the caller must not start another user).</summary>
    public bool TryStart(int slot) => Interlocked.CompareExchange(ref running[slot], 1, 0) == 0;

    /// <summary>Marks <paramref name="slot"/> stopped; true when the target rose again meanwhile and the caller took the slot back.</summary>
    public bool Release(int slot)
    {
        Volatile.Write(ref running[slot], 0);
        return slot < Target && TryStart(slot);
    }
}

namespace Pacer.Core.Recording;

/// <summary>
/// How long each scenario group took, from its first step's intended start to its last step's end (k6's
/// <c>group_duration</c>), per group name: lock-free HDR histograms drained on the ticker.
/// </summary>
internal sealed class GroupDurations
{
    private readonly ConcurrentLatencyHistogram[] live;

    public GroupDurations(IReadOnlyList<string> names)
    {
        Names = names;
        live = [.. names.Select(_ => new ConcurrentLatencyHistogram())];
        Totals = [.. names.Select(_ => new LatencyHistogram())];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Durations drained so far, per group (microseconds).</summary>
    public IReadOnlyList<LatencyHistogram> Totals { get; }

    public void Record(int index, long micros) => live[index].Record(micros);

    /// <summary>Moves recorded durations into <see cref="Totals"/>. Ticker thread only.</summary>
    public void Drain()
    {
        for (var i = 0; i < live.Length; i++)
        {
            live[i].DrainInto(Totals[i]);
        }
    }
}

namespace Pacer.Core.Recording;

/// <summary>Passes and failures per check name, counted lock-free from any thread (several checks may share a name, as in k6).</summary>
internal sealed class CheckTally
{
    private readonly long[] passes;
    private readonly long[] fails;

    public CheckTally(IReadOnlyList<string> names)
    {
        Names = names;
        passes = new long[names.Count];
        fails = new long[names.Count];
    }

    public IReadOnlyList<string> Names { get; }

    public void Record(int index, bool passed) => Interlocked.Increment(ref passed ? ref passes[index] : ref fails[index]);

    public long Passes(int index) => Interlocked.Read(ref passes[index]);

    public long Fails(int index) => Interlocked.Read(ref fails[index]);

    public long TotalPasses => Enumerable.Range(0, Names.Count).Sum(Passes);

    public long TotalFails => Enumerable.Range(0, Names.Count).Sum(Fails);
}

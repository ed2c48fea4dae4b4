namespace Pacer.Core.Transport;

/// <summary>
/// Keeps the first message seen for each <see cref="ErrorKind"/>, for summaries. Lock-free; after the first failure of a kind
/// the cost is one volatile read, so a run failing a million times does not build a million strings' worth of work.
/// </summary>
internal sealed class FirstErrorExamples
{
    private readonly string?[] examples = new string?[Enum.GetValues<ErrorKind>().Length];

    /// <summary>True when no example of <paramref name="kind"/> is kept yet (so the caller may build one).</summary>
    public bool Wants(ErrorKind kind) => Volatile.Read(ref examples[(int)kind]) is null;

    /// <summary>Keeps <paramref name="message"/> unless an example of its kind is already kept.</summary>
    public void Offer(ErrorKind kind, string message) => Interlocked.CompareExchange(ref examples[(int)kind], message, null);

    /// <summary>The examples kept so far.</summary>
    public IReadOnlyDictionary<ErrorKind, string> Snapshot()
    {
        var result = new Dictionary<ErrorKind, string>();
        for (var i = 0; i < examples.Length; i++)
        {
            if (Volatile.Read(ref examples[i]) is { } message)
            {
                result[(ErrorKind)i] = message;
            }
        }

        return result;
    }
}

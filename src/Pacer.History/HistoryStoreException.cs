namespace Pacer.History;

/// <summary>A history store that cannot be used: not reachable, written by a newer Pacer, or a request it cannot answer. The message names the store.</summary>
internal sealed class HistoryStoreException : Exception
{
    public HistoryStoreException(string message)
        : base(message)
    {
    }

    public HistoryStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public HistoryStoreException()
    {
    }
}

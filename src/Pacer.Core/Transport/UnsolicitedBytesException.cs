namespace Pacer.Core.Transport;

/// <summary>The server sent bytes on a new connection before the request was written: a protocol error, not an answer.</summary>
internal sealed class UnsolicitedBytesException : IOException
{
    /// <summary>Creates the exception with the words the lean transports use for the same failure.</summary>
    public UnsolicitedBytesException()
        : base(Http1.Http1FailureMessages.Unsolicited)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public UnsolicitedBytesException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public UnsolicitedBytesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

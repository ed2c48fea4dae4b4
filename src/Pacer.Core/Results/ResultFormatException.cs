namespace Pacer.Core.Results;

/// <summary>A result file could not be read; the message names the file and what was expected.</summary>
public sealed class ResultFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResultFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ResultFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ResultFormatException()
    {
    }
}

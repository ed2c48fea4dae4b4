namespace Pacer.Analysis.Inputs;

/// <summary>A file that is none of the formats <c>pacer compare</c> reads, or is broken; the message names the file and what was expected.</summary>
public sealed class InputFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InputFormatException()
    {
    }

    /// <summary>Creates the exception with its message (the file and what was expected).</summary>
    public InputFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and its cause.</summary>
    public InputFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

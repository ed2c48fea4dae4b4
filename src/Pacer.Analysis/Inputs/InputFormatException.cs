namespace Pacer.Analysis.Inputs;

/// <summary>A file that is none of the formats <c>pacer compare</c> reads, or is broken; the message names the file and what was expected.</summary>
public sealed class InputFormatException : Exception
{
    public InputFormatException()
    {
    }

    public InputFormatException(string message)
        : base(message)
    {
    }

    public InputFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

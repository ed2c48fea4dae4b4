namespace Pacer.Core.Plans;

/// <summary>A threshold expression could not be parsed; the message says what was expected.</summary>
public sealed class ThresholdSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ThresholdSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ThresholdSyntaxException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ThresholdSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

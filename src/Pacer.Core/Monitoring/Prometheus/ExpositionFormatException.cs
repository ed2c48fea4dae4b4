namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>An exposition that is not valid text format: the message names the line and what was expected there.</summary>
internal sealed class ExpositionFormatException : FormatException
{
    public ExpositionFormatException(int line, string message)
        : base($"line {line}: {message}")
    {
        Line = line;
    }

    public ExpositionFormatException()
    {
    }

    public ExpositionFormatException(string message)
        : base(message)
    {
    }

    public ExpositionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based line the error is on.</summary>
    public int Line { get; }
}

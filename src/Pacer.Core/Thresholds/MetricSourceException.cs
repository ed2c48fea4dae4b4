namespace Pacer.Core.Thresholds;

/// <summary>A metric source cannot answer for a metric it was asked about (an older result file that lacks the figures).</summary>
public sealed class MetricSourceException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public MetricSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public MetricSourceException()
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public MetricSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

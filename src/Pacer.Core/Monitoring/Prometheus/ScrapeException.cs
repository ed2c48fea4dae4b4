namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>A scrape or query that failed, with a message fit for the source's error list (no stack trace, no type name).</summary>
internal sealed class ScrapeException : Exception
{
    public ScrapeException(string message)
        : base(message)
    {
    }

    public ScrapeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScrapeException()
    {
    }
}

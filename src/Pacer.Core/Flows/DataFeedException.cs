namespace Pacer.Core.Flows;

/// <summary>A data file could not be loaded; the message names the file and, when one is at fault, the line (<c>users.csv:4: ...</c>).</summary>
internal sealed class DataFeedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataFeedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public DataFeedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public DataFeedException()
    {
    }
}

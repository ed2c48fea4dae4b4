namespace Pacer.Core.Plans.Scenarios;

/// <summary>A data file could not be loaded; the message names the file and, when one is at fault, the line (<c>users.csv:4: ...</c>).</summary>
internal sealed class DataFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public DataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public DataFileException()
    {
    }
}

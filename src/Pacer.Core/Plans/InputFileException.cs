namespace Pacer.Core.Plans;

/// <summary>A file a plan names cannot be read as input: missing, a directory, a special file, or over its size limit.</summary>
internal sealed class InputFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InputFileException()
    {
    }

    /// <summary>Creates the exception with a one-line reason.</summary>
    public InputFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line reason and its cause.</summary>
    public InputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

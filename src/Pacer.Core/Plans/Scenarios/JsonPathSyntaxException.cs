namespace Pacer.Core.Plans.Scenarios;

/// <summary>A JSONPath could not be parsed; <see cref="Column"/> says where, and the message says what is supported.</summary>
internal sealed class JsonPathSyntaxException : Exception
{
    /// <summary>Creates the exception for <paramref name="problem"/> at <paramref name="column"/>, with a <paramref name="hint"/> at the fix.</summary>
    public JsonPathSyntaxException(string problem, int column, string hint)
        : base($"{problem} at column {column} ({hint})")
    {
        Column = column;
    }

    /// <summary>Creates the exception with a whole message and no place.</summary>
    public JsonPathSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a whole message, its cause and no place.</summary>
    public JsonPathSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public JsonPathSyntaxException()
    {
    }

    /// <summary>The 1-based column in the path where the problem is; 0 when it has no place.</summary>
    public int Column { get; }
}

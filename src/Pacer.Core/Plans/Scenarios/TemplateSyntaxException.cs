namespace Pacer.Core.Plans.Scenarios;

/// <summary>A template could not be compiled; <see cref="Column"/> says where, and the message says what would be right.</summary>
internal sealed class TemplateSyntaxException : Exception
{
    /// <summary>Creates the exception for <paramref name="problem"/> at <paramref name="column"/>, with a <paramref name="hint"/> at the fix.</summary>
    public TemplateSyntaxException(string problem, int column, string hint)
        : base($"{problem} at column {column} ({hint})")
    {
        Column = column;
    }

    /// <summary>Creates the exception with a whole message and no place.</summary>
    public TemplateSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a whole message, its cause and no place.</summary>
    public TemplateSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public TemplateSyntaxException()
    {
    }

    /// <summary>The 1-based column in the template text where the problem is; 0 when it has no place.</summary>
    public int Column { get; }
}

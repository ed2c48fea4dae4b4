namespace Pacer.Core.Plans;

/// <summary>A plan is invalid; <see cref="Errors"/> lists every mistake found, in file order.</summary>
public sealed class PlanException : Exception
{
    /// <summary>Creates the exception from the mistakes found.</summary>
    public PlanException(IReadOnlyList<PlanError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception with one whole-file message.</summary>
    public PlanException(string message)
        : this([new PlanError("plan", 0, 0, message)])
    {
    }

    /// <summary>Creates an exception with one whole-file message and its cause.</summary>
    public PlanException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new PlanError("plan", 0, 0, message)];
    }

    /// <summary>Creates an empty exception.</summary>
    public PlanException()
        : this("invalid plan")
    {
    }

    /// <summary>Every mistake, ordered by line and column.</summary>
    public IReadOnlyList<PlanError> Errors { get; }
}

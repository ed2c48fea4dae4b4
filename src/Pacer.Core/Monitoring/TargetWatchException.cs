namespace Pacer.Core.Monitoring;

/// <summary>
/// A source of the plan's <c>watch:</c> section (or a <c>--watch-*</c> flag) cannot be watched at all — a pid that is not
/// running, a path that is not a cgroup: found before any load is sent (<c>pacer run</c> exits 2 with the message).
/// </summary>
public sealed class TargetWatchException : Exception
{
    /// <summary>Creates the exception with every problem found, one per line.</summary>
    /// <param name="problems">What is wrong, each naming its key.</param>
    public TargetWatchException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with one problem.</summary>
    /// <param name="message">What is wrong.</param>
    public TargetWatchException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception with one problem and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TargetWatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception without a message (serialisers and analyzers want this constructor).</summary>
    public TargetWatchException()
        : this("a watched source cannot be watched")
    {
    }

    /// <summary>Every problem found, each naming the key (<c>watch.pid</c>) it is about.</summary>
    public IReadOnlyList<string> Problems { get; }
}

namespace Pacer.Core.Plans;

/// <summary>One mistake in a plan, with its place (1-based line and column; 0 when the whole file is at fault) and a hint at what would be right.</summary>
public sealed record PlanError(string Path, int Line, int Column, string Message, string? Hint = null)
{
    /// <summary><c>plan.yaml:12:5: message (hint)</c>.</summary>
    public override string ToString() =>
        (Line > 0 ? $"{Path}:{Line}:{Column}: " : $"{Path}: ") + Message + (Hint is null ? string.Empty : $" ({Hint})");
}

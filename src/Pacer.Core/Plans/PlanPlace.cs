namespace Pacer.Core.Plans;

/// <summary>Where a section of a plan file starts (1-based line and column), kept so a later refusal can name it.</summary>
internal sealed record PlanPlace(string Path, int Line, int Column)
{
    /// <summary>A mistake at this place.</summary>
    public PlanError Error(string message, string? hint) => new(Path, Line, Column, message, hint);
}

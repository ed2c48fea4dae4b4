namespace Pacer.Core.Results;

/// <summary>Totals for one HTTP status; status 0 gathers requests that got no response.</summary>
public sealed record StatusResult(int Status, long Count, DurationStats Duration);

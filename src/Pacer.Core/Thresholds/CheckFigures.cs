namespace Pacer.Core.Thresholds;

/// <summary>How often the checks of one name passed and failed.</summary>
internal sealed record CheckFigures(string Name, long Passes, long Fails);

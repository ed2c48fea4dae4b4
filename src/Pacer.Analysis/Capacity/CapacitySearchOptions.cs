namespace Pacer.Analysis.Capacity;

/// <summary>How a capacity search brackets and narrows the ceiling.</summary>
/// <param name="Start">The first level tried; the search doubles from it while steps hold, halves while they do not.</param>
/// <param name="Maximum">The highest level the search may try.</param>
/// <param name="Minimum">The lowest level the search may try.</param>
public sealed record CapacitySearchOptions(double Start, double Maximum, double Minimum)
{
    /// <summary>Stop bisecting when the failing level is within this fraction above the holding one (0.05 = 5%).</summary>
    public double Precision { get; init; } = 0.05;

    /// <summary>How many times the boundary is searched (the first time included); each repeat re-runs the bracket's two ends
    /// and narrows again where they disagree, so noise shows as a wider interval.</summary>
    public int Repeats { get; init; } = 2;

    /// <summary>The most steps the search runs, all phases together.</summary>
    public int MaxSteps { get; init; } = 24;

    /// <summary>Levels are whole numbers (virtual users of a closed plan).</summary>
    public bool WholeLevels { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (!(Minimum > 0) || double.IsInfinity(Minimum))
        {
            throw new ArgumentException($"the lowest level must be positive, not {Minimum}");
        }

        if (!(Maximum >= Minimum) || double.IsInfinity(Maximum))
        {
            throw new ArgumentException($"the highest level ({Maximum}) must be at least the lowest ({Minimum})");
        }

        if (!(Start >= Minimum && Start <= Maximum))
        {
            throw new ArgumentException($"the starting level ({Start}) must lie between the lowest ({Minimum}) and the highest ({Maximum})");
        }

        if (!(Precision > 0 && Precision < 1))
        {
            throw new ArgumentException($"the precision must be a fraction between 0 and 1 (0.05 = 5%), not {Precision}");
        }

        if (Repeats is < 1 or > 10)
        {
            throw new ArgumentException($"repeats must be between 1 and 10, not {Repeats}");
        }

        if (MaxSteps is < 2 or > 200)
        {
            throw new ArgumentException($"the step budget must be between 2 and 200, not {MaxSteps}");
        }
    }
}

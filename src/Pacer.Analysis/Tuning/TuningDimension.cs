namespace Pacer.Analysis.Tuning;

/// <summary>
/// One knob as the search sees it: a coordinate from 0 to 1. A knob with <see cref="Levels"/> ≥ 2 takes only that many
/// ordered values (a list, or an integer range), at 0, 1/(n−1), …, 1; with 0 levels it is continuous (a real range).
/// What a coordinate means to the service (a worker count, a file size) is the caller's business.
/// </summary>
/// <param name="Name">The knob's name, for sensitivity and messages.</param>
/// <param name="Levels">How many values it takes (2 or more), or 0 for a continuous knob.</param>
public sealed record TuningDimension(string Name, int Levels)
{
    /// <summary>Whether it takes only <see cref="Levels"/> values.</summary>
    public bool IsDiscrete => Levels >= 2;

    /// <summary>The index of the level nearest <paramref name="unit"/> (0 for a continuous knob).</summary>
    public int LevelOf(double unit) => IsDiscrete ? (int)Math.Round(Math.Clamp(unit, 0, 1) * (Levels - 1), MidpointRounding.AwayFromZero) : 0;

    /// <summary>The coordinate of level <paramref name="level"/>.</summary>
    public double UnitOf(int level) => IsDiscrete ? (double)level / (Levels - 1) : Math.Clamp(level, 0, 1);

    /// <summary><paramref name="unit"/> moved onto the nearest level (clamped to 0–1 for a continuous knob).</summary>
    public double Snap(double unit) => IsDiscrete ? UnitOf(LevelOf(unit)) : Math.Clamp(unit, 0, 1);
}

using System.Globalization;

namespace Pacer.Core.Plans.Tuning;

/// <summary>
/// One setting of the service the tuner varies: a list of values, or a numeric range (whole numbers or reals, optionally on
/// a logarithmic scale). The search sees a coordinate from 0 to 1; <see cref="ValueAt"/> turns it into the text that goes into
/// the command line, the environment and the config file.
/// </summary>
public sealed record TuneKnob
{
    /// <summary>The knob's name: the placeholder <c>{name}</c> and the sensitivity table's row.</summary>
    public required string Name { get; init; }

    /// <summary>The values it takes, as written, in order; null for a range.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The range's low end.</summary>
    public double Low { get; init; }

    /// <summary>The range's high end.</summary>
    public double High { get; init; }

    /// <summary>Whether the range holds whole numbers only.</summary>
    public bool Integer { get; init; }

    /// <summary>The step between a range's values (from <see cref="Low"/>), or null for every whole number / any real.</summary>
    public double? Step { get; init; }

    /// <summary>Whether the range is searched on a logarithmic scale (a worker count, a buffer size).</summary>
    public bool Log { get; init; }

    /// <summary>The value the service runs with when not tuned (the baseline of the confirmation), or null.</summary>
    public string? Default { get; init; }

    /// <summary>An environment variable the value is also passed in, or null.</summary>
    public string? Environment { get; init; }

    /// <summary>Ranges of more whole-number values than this are searched as continuous (and rounded).</summary>
    public const int MaxLevels = 1000;

    /// <summary>How many values it takes, or 0 when it is searched as continuous.</summary>
    public int Levels
    {
        get
        {
            if (Values is { } values)
            {
                return values.Count;
            }

            if (Step is { } step)
            {
                var count = (int)Math.Floor((High - Low) / step + 1e-9) + 1;
                return count <= MaxLevels ? count : 0;
            }

            return Integer && !Log && High - Low + 1 <= MaxLevels ? (int)(High - Low) + 1 : 0;
        }
    }

    /// <summary>The value at coordinate <paramref name="unit"/> (0–1), as text.</summary>
    public string ValueAt(double unit)
    {
        unit = Math.Clamp(unit, 0, 1);
        var levels = Levels;
        if (Values is { } values)
        {
            return values[(int)Math.Round(unit * (values.Count - 1), MidpointRounding.AwayFromZero)];
        }

        double value;
        if (levels >= 2)
        {
            value = Low + (Step ?? 1) * Math.Round(unit * (levels - 1), MidpointRounding.AwayFromZero);
        }
        else
        {
            value = Log ? Low * Math.Pow(High / Low, unit) : Low + unit * (High - Low);
        }

        return Integer ? Math.Round(value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) : Format(value);
    }

    /// <summary>The coordinate of <paramref name="value"/>: its level in a list or range, or its place in a continuous range; null when it is not one of the knob's values.</summary>
    public double? UnitOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Values is { } values)
        {
            var index = values.ToList().IndexOf(value);
            return index < 0 ? null : values.Count == 1 ? 0 : (double)index / (values.Count - 1);
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < Low || number > High || (Integer && number != Math.Round(number)))
        {
            return null;
        }

        var levels = Levels;
        if (levels >= 2)
        {
            var level = (number - Low) / (Step ?? 1);
            return Math.Abs(level - Math.Round(level)) > 1e-9 ? null : Math.Round(level) / (levels - 1);
        }

        return High == Low ? 0 : Log ? Math.Log(number / Low) / Math.Log(High / Low) : (number - Low) / (High - Low);
    }

    private static string Format(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
}

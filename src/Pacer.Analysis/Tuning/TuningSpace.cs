namespace Pacer.Analysis.Tuning;

/// <summary>The knobs a tuning run searches over: the unit cube of their coordinates, discrete knobs snapped to their levels.</summary>
public sealed record TuningSpace
{
    /// <summary>A space of <paramref name="dimensions"/> (at least one, names distinct).</summary>
    public TuningSpace(IReadOnlyList<TuningDimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Count == 0)
        {
            throw new ArgumentException("a tuning space needs at least one knob", nameof(dimensions));
        }

        if (dimensions.Any(d => d.Levels is 1 or < 0))
        {
            throw new ArgumentException("a knob has 0 levels (continuous) or at least 2", nameof(dimensions));
        }

        Dimensions = dimensions;
    }

    /// <summary>The knobs, in order.</summary>
    public IReadOnlyList<TuningDimension> Dimensions { get; }

    /// <summary>How many distinct settings there are, or null when a knob is continuous (or the count passes a million).</summary>
    public long? Size
    {
        get
        {
            long size = 1;
            foreach (var d in Dimensions)
            {
                if (!d.IsDiscrete || size > 1_000_000 / d.Levels)
                {
                    return null;
                }

                size *= d.Levels;
            }

            return size;
        }
    }

    /// <summary><paramref name="point"/> with every coordinate on its knob's nearest level.</summary>
    public double[] Snap(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return [.. Dimensions.Select((d, i) => d.Snap(point[i]))];
    }

    /// <summary>Setting number <paramref name="index"/> of the full grid (the first knob varies slowest), for a finite space.</summary>
    public double[] GridPoint(long index)
    {
        var point = new double[Dimensions.Count];
        for (var i = Dimensions.Count - 1; i >= 0; i--)
        {
            var levels = Dimensions[i].Levels;
            point[i] = Dimensions[i].UnitOf((int)(index % levels));
            index /= levels;
        }

        return point;
    }

    /// <summary>Whether two points are the same setting (after snapping).</summary>
    public bool Same(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        for (var i = 0; i < Dimensions.Count; i++)
        {
            if (Math.Abs(Dimensions[i].Snap(a[i]) - Dimensions[i].Snap(b[i])) > 1e-9)
            {
                return false;
            }
        }

        return true;
    }
}

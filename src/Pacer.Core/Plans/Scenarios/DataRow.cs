using System.Diagnostics.CodeAnalysis;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>One row of a data file. Rows share one column→index map, so a row costs its values and nothing more.</summary>
internal sealed class DataRow
{
    private readonly IReadOnlyDictionary<string, int> columnIndexes;
    private readonly string?[] values;

    /// <summary>Creates row <paramref name="index"/> holding <paramref name="values"/> in the order of <paramref name="columnIndexes"/>; a null value is a column the row lacks.</summary>
    public DataRow(int index, IReadOnlyDictionary<string, int> columnIndexes, string?[] values)
    {
        Index = index;
        this.columnIndexes = columnIndexes;
        this.values = values;
    }

    /// <summary>The row's 0-based position among the file's rows (the header is not a row).</summary>
    public int Index { get; }

    /// <summary>The value in <paramref name="column"/>; false when there is no such column or this row has no value for it.</summary>
    public bool TryGet(string column, [MaybeNullWhen(false)] out string value)
    {
        if (columnIndexes.TryGetValue(column, out var index) && index < values.Length && values[index] is { } found)
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }
}

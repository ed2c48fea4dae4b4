using System.Diagnostics.CodeAnalysis;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// One row of a data file: a place in the file's <see cref="DataCells"/>, whose values are decoded when asked for. Rows share one
/// column→index map and the cells, so a row handed out costs one small object.
/// </summary>
internal sealed class DataRow
{
    private readonly IReadOnlyDictionary<string, int> columnIndexes;
    private readonly DataCells cells;

    /// <summary>Creates row <paramref name="index"/> of <paramref name="cells"/>, whose columns <paramref name="columnIndexes"/> numbers.</summary>
    public DataRow(int index, IReadOnlyDictionary<string, int> columnIndexes, DataCells cells)
    {
        Index = index;
        this.columnIndexes = columnIndexes;
        this.cells = cells;
    }

    /// <summary>The row's 0-based position among the file's rows (the header is not a row).</summary>
    public int Index { get; }

    /// <summary>The value in <paramref name="column"/>; false when there is no such column or this row has no value for it.</summary>
    public bool TryGet(string column, [MaybeNullWhen(false)] out string value)
    {
        if (columnIndexes.TryGetValue(column, out var index))
        {
            return cells.TryGet(Index, index, out value);
        }

        value = null;
        return false;
    }
}

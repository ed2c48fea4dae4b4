using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Every value of a data file, compact: the values' UTF-8 bytes end to end in one array, the end of each value in another, and
/// the first value of each row in a third, so the rows cost about the file's size plus 4 bytes a value (8 when the rows are
/// sparse) instead of a string object per value and an array per row — a 189 MB CSV held that way in 3.5 GB. A value is
/// decoded to a string when it is asked for. Read-only once built (<see cref="DataCellsBuilder"/>), so every thread may share it.
/// </summary>
internal sealed class DataCells
{
    private readonly byte[] text;
    private readonly int[] ends;
    private readonly int[] rowStarts;
    private readonly int[]? columns;

    /// <param name="text">The values' UTF-8 bytes, end to end.</param>
    /// <param name="ends">Where each value ends in <paramref name="text"/> (the next begins there).</param>
    /// <param name="rowStarts">The index of each row's first value in <paramref name="ends"/>.</param>
    /// <param name="columns">The column of each value when rows may lack columns (JSON Lines); null when each row holds every column in order (CSV).</param>
    public DataCells(byte[] text, int[] ends, int[] rowStarts, int[]? columns)
    {
        this.text = text;
        this.ends = ends;
        this.rowStarts = rowStarts;
        this.columns = columns;
    }

    /// <summary>How many rows there are.</summary>
    public int RowCount => rowStarts.Length;

    /// <summary>Bytes held: what the rows cost in memory, give or take the object headers.</summary>
    public long Bytes => text.Length + (4L * ends.Length) + (4L * rowStarts.Length) + (4L * (columns?.Length ?? 0));

    /// <summary>The value of <paramref name="row"/> in <paramref name="column"/>; false when the row has none there.</summary>
    public bool TryGet(int row, int column, [MaybeNullWhen(false)] out string value)
    {
        var first = rowStarts[row];
        var end = row + 1 < rowStarts.Length ? rowStarts[row + 1] : ends.Length;
        var cell = -1;
        if (columns is null)
        {
            cell = first + column < end ? first + column : -1;
        }
        else
        {
            // A JSON line holds a handful of properties: a scan is cheaper than any index. From the end, so a property a line
            // repeats has its last value, as JSON readers take it.
            for (var i = end - 1; i >= first; i--)
            {
                if (columns[i] == column)
                {
                    cell = i;
                    break;
                }
            }
        }

        if (cell < 0)
        {
            value = null;
            return false;
        }

        var start = cell == 0 ? 0 : ends[cell - 1];
        value = Encoding.UTF8.GetString(text, start, ends[cell] - start);
        return true;
    }
}

using System.Text;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>Collects a data file's values row by row into a <see cref="DataCells"/>.</summary>
internal sealed class DataCellsBuilder
{
    private readonly bool sparse;
    private byte[] text;
    private int textLength;
    private int[] ends = new int[1024];
    private int[] columns;
    private int cellCount;
    private int[] rowStarts = new int[256];
    private int rowCount;
    private bool rowOpen;

    /// <param name="expectedBytes">The values' likely total size in UTF-8 (the file's size): sized once, the buffer need not grow.</param>
    /// <param name="sparse">Rows may lack columns or hold them in any order (JSON Lines), so each value's column is kept.</param>
    public DataCellsBuilder(long expectedBytes, bool sparse)
    {
        this.sparse = sparse;
        text = new byte[(int)Math.Clamp(expectedBytes, 256, Array.MaxLength)];
        columns = sparse ? new int[1024] : [];
    }

    /// <summary>How many rows have been added.</summary>
    public int RowCount => rowCount;

    /// <summary>Adds <paramref name="value"/> in <paramref name="column"/> to the current row (a new row after <see cref="EndRow"/>).</summary>
    public void Add(int column, ReadOnlySpan<char> value)
    {
        if (!rowOpen)
        {
            rowStarts = Grown(rowStarts, rowCount + 1);
            rowStarts[rowCount++] = cellCount;
            rowOpen = true;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if ((long)textLength + bytes > Array.MaxLength)
        {
            throw new InvalidOperationException("the data file's values do not fit in one array");
        }

        if (textLength + bytes > text.Length)
        {
            Array.Resize(ref text, (int)Math.Min(Array.MaxLength, Math.Max((long)text.Length * 2, (long)textLength + bytes)));
        }

        textLength += Encoding.UTF8.GetBytes(value, text.AsSpan(textLength));
        ends = Grown(ends, cellCount + 1);
        ends[cellCount] = textLength;
        if (sparse)
        {
            columns = Grown(columns, cellCount + 1);
            columns[cellCount] = column;
        }

        cellCount++;
    }

    /// <summary>Ends the current row; the next <see cref="Add"/> starts a new one. A row with no value is still a row.</summary>
    public void EndRow()
    {
        if (!rowOpen)
        {
            rowStarts = Grown(rowStarts, rowCount + 1);
            rowStarts[rowCount++] = cellCount;
        }

        rowOpen = false;
    }

    /// <summary>
    /// The values added. The offset arrays are trimmed to their size; the text is not (it was sized to the file, so what is left is
    /// what the file spent on separators and quotes, and a trimmed copy would briefly hold the values twice).
    /// </summary>
    public DataCells Build() => new(
        text,
        ends.AsSpan(0, cellCount).ToArray(),
        rowStarts.AsSpan(0, rowCount).ToArray(),
        sparse ? columns.AsSpan(0, cellCount).ToArray() : null);

    private static int[] Grown(int[] array, int needed)
    {
        if (needed <= array.Length)
        {
            return array;
        }

        Array.Resize(ref array, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)array.Length * 2)));
        return array;
    }
}

using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Tests.Flows;

/// <summary>
/// Data rows are held compact (<see cref="DataCells"/>: UTF-8 bytes and offsets) and decoded when read; what a row gives must be
/// exactly what the file holds, whatever the characters, and a value a JSON line lacks must stay no value.
/// </summary>
public sealed class DataCellsTests
{
    [Fact]
    public void Load_Csv_ValuesRoundTripThroughTheCompactCells()
    {
        using var file = new TempDataFile(".csv", "id,name,empty\n1,Zoë 日本 🎉,\n2,\"a, \"\"b\"\"\nc\",x\n");
        var data = ScenarioData.Load(file.Path, DataFeedOrder.Sequential);

        Assert.Equal(2, data.Count);
        Assert.Equal(["1", "Zoë 日本 🎉", ""], Values(data.RowAt(0)!, "id", "name", "empty"));
        Assert.Equal(["2", "a, \"b\"\nc", "x"], Values(data.RowAt(1)!, "id", "name", "empty"));
        Assert.False(data.RowAt(0)!.TryGet("missing", out _));
    }

    [Fact]
    public void Load_JsonLines_MissingPropertyIsNoValueAndARepeatedOneKeepsItsLast()
    {
        using var file = new TempDataFile(".jsonl", "{\"a\":\"x\",\"b\":1}\n\n{\"b\":2,\"c\":\"é\"}\r\n{\"a\":\"first\",\"a\":\"last\"}\n{}\n");
        var data = ScenarioData.Load(file.Path, DataFeedOrder.Sequential);

        Assert.Equal(["a", "b", "c"], data.Columns);
        Assert.Equal(4, data.Count);
        Assert.Equal(["x", "1"], Values(data.RowAt(0)!, "a", "b"));
        Assert.False(data.RowAt(0)!.TryGet("c", out _));
        Assert.False(data.RowAt(1)!.TryGet("a", out _));
        Assert.Equal(["2", "é"], Values(data.RowAt(1)!, "b", "c"));
        Assert.Equal(["last"], Values(data.RowAt(2)!, "a"));
        Assert.False(data.RowAt(3)!.TryGet("a", out _));
    }

    [Fact]
    public void Load_JsonLines_BrokenLineIsNamedByItsNumber()
    {
        using var file = new TempDataFile(".jsonl", "{\"a\":1}\n\n{\"a\":\n");

        var error = Assert.Throws<DataFileException>(() => ScenarioData.Load(file.Path, DataFeedOrder.Sequential));

        Assert.Contains(":3: not valid JSON", error.Message, StringComparison.Ordinal);
    }

    private static string[] Values(DataRow row, params string[] columns) =>
        [.. columns.Select(c => row.TryGet(c, out var value) ? value : throw new InvalidOperationException($"no value in '{c}'"))];
}

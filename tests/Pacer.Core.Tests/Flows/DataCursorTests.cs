using System.Collections.Concurrent;
using Pacer.Core.Flows;
using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Tests.Flows;

public sealed class DataCursorTests
{
    [Fact]
    public void Load_CsvWithQuotesCommasDoubledQuotesAndCrlf_ReadsFields()
    {
        using var file = new TempDataFile(".csv", "id,name,note\r\n1,\"Smith, Jane\",\"said \"\"hi\"\"\"\r\n2,Bob,\r\n3,\"\",\"two\r\nlines\"\r\n");

        var feeder = Cursor(file.Path, DataFeedOrder.Sequential);

        Assert.Equal(["id", "name", "note"], feeder.Data.Columns);
        Assert.Equal(3, feeder.Data.Count);
        var rows = Take(feeder, 3);
        Assert.Equal("Smith, Jane", Get(rows[0], "name"));
        Assert.Equal("said \"hi\"", Get(rows[0], "note"));
        Assert.Equal("Bob", Get(rows[1], "name"));
        Assert.Equal(string.Empty, Get(rows[1], "note"));
        Assert.Equal(string.Empty, Get(rows[2], "name"));
        Assert.Equal("two\r\nlines", Get(rows[2], "note"));
    }

    [Fact]
    public void Load_CsvWithLfAndBlankLinesAndNoFinalNewline_SkipsBlankLines()
    {
        using var file = new TempDataFile(".csv", "user, password\n\nalice,a1\n\nbob,b2");

        var feeder = Cursor(file.Path, DataFeedOrder.Sequential);

        Assert.Equal(["user", "password"], feeder.Data.Columns);
        Assert.Equal(2, feeder.Data.Count);
        var rows = Take(feeder, 2);
        Assert.Equal("alice", Get(rows[0], "user"));
        Assert.Equal("b2", Get(rows[1], "password"));
    }

    [Fact]
    public void Load_CsvSpaces_KeptInFieldsIgnoredAroundQuotes()
    {
        using var file = new TempDataFile(".csv", "a,b,c\n x , \" y, \" ,\t\"z\"\t\n");

        var row = Take(Cursor(file.Path, DataFeedOrder.Sequential), 1)[0];

        Assert.Equal(" x ", Get(row, "a"));
        Assert.Equal(" y, ", Get(row, "b"));
        Assert.Equal("z", Get(row, "c"));
    }

    [Fact]
    public void Load_CsvRaggedRow_NamesFileAndLine()
    {
        using var file = new TempDataFile(".csv", "id,email\n1,a@x\n2,b@x\n3,c@x,extra\n");

        var e = Assert.Throws<DataFileException>(() => Cursor(file.Path, DataFeedOrder.Sequential));

        Assert.Equal($"{file.Path}:4: row has 3 fields but the header has 2", e.Message);
    }

    [Fact]
    public void Load_CsvRaggedRowAfterMultiLineField_CountsLinesInsideQuotes()
    {
        using var file = new TempDataFile(".csv", "id,note\n1,\"a\nb\"\n2\n");

        var e = Assert.Throws<DataFileException>(() => Cursor(file.Path, DataFeedOrder.Sequential));

        Assert.Equal($"{file.Path}:4: row has 1 field but the header has 2", e.Message);
    }

    [Theory]
    [InlineData("id,id\n1,2\n", ":1: columns 1 and 2 of the header have the same name")]
    [InlineData("id,\n1,2\n", ":1: column 2 of the header has no name")]
    [InlineData("id\n\"abc\n", ":2: a quoted field is never closed")]
    [InlineData("id,n\n\"a\"b,2\n", ":2: unexpected 'b' after a quoted field")]
    [InlineData("id,email\n", ": the file has a header but no rows")]
    [InlineData("", ": the file is empty")]
    [InlineData("\n\r\n", ": the file is empty")]
    public void Load_BadCsv_ThrowsNamingFileAndProblem(string content, string problem)
    {
        using var file = new TempDataFile(".csv", content);

        var e = Assert.Throws<DataFileException>(() => Cursor(file.Path, DataFeedOrder.Sequential));

        Assert.StartsWith(file.Path + problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pacer-flows-{Guid.NewGuid():N}.csv");

        var e = Assert.Throws<DataFileException>(() => Cursor(path, DataFeedOrder.Sequential));

        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Fact]
    public void Load_JsonLines_TurnsValuesIntoText()
    {
        const string content = """
            {"id": 1, "email": "a@x", "admin": true, "tags": ["a", "b"], "manager": null}

            {"id": 2.5, "email": "b@x", "extra": {"k": "v"}}
            """;
        using var file = new TempDataFile(".jsonl", content.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n");

        var feeder = Cursor(file.Path, DataFeedOrder.Sequential);

        Assert.Equal(["id", "email", "admin", "tags", "manager", "extra"], feeder.Data.Columns);
        Assert.Equal(2, feeder.Data.Count);
        var rows = Take(feeder, 2);
        Assert.Equal("1", Get(rows[0], "id"));
        Assert.Equal("a@x", Get(rows[0], "email"));
        Assert.Equal("true", Get(rows[0], "admin"));
        Assert.Equal("""["a", "b"]""", Get(rows[0], "tags"));
        Assert.Equal("null", Get(rows[0], "manager"));
        Assert.False(rows[0].TryGet("extra", out _));
        Assert.Equal("2.5", Get(rows[1], "id"));
        Assert.Equal("""{"k": "v"}""", Get(rows[1], "extra"));
        Assert.False(rows[1].TryGet("admin", out _));
    }

    [Fact]
    public void Load_NdjsonExtension_IsJsonLines()
    {
        using var file = new TempDataFile(".NDJSON", "{\"a\":\"x,y\"}\n");

        var row = Take(Cursor(file.Path, DataFeedOrder.Sequential), 1)[0];

        Assert.Equal("x,y", Get(row, "a"));
    }

    [Theory]
    [InlineData("{\"a\":1}\n\n[1,2]\n", ":3: the line is a JSON array, not an object")]
    [InlineData("{\"a\":1}\n\"text\"\n", ":2: the line is a JSON string, not an object")]
    [InlineData("{\"a\":1}\n{\"a\":\n", ":2: not valid JSON")]
    [InlineData("\n  \n", ": the file is empty")]
    public void Load_BadJsonLines_ThrowsNamingFileAndLine(string content, string problem)
    {
        using var file = new TempDataFile(".jsonl", content);

        var e = Assert.Throws<DataFileException>(() => Cursor(file.Path, DataFeedOrder.Sequential));

        Assert.StartsWith(file.Path + problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGet_UnknownColumn_IsFalse()
    {
        using var file = new TempDataFile(".csv", "a\n1\n");

        var row = Take(Cursor(file.Path, DataFeedOrder.Sequential), 1)[0];

        Assert.False(row.TryGet("b", out _));
        Assert.False(row.TryGet("A", out _));
    }

    [Fact]
    public void TryNext_Sequential_CyclesInFileOrderForever()
    {
        using var file = Numbered(3);
        var feeder = Cursor(file.Path, DataFeedOrder.Sequential);

        var values = Take(feeder, 8).Select(r => Get(r, "n")).ToList();

        Assert.Equal(["0", "1", "2", "0", "1", "2", "0", "1"], values);
        Assert.False(feeder.Exhausted);
    }

    [Fact]
    public void TryNext_Random_IsRoughlyUniform()
    {
        using var file = Numbered(3);
        var feeder = Cursor(file.Path, DataFeedOrder.Random);
        var counts = new int[3];

        foreach (var row in Take(feeder, 30_000))
        {
            counts[row.Index]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
        Assert.False(feeder.Exhausted);
    }

    [Fact]
    public void TryNext_RandomWithSameSeed_RepeatsThePicks()
    {
        using var file = Numbered(50);

        var first = Take(Cursor(file.Path, DataFeedOrder.Random, seed: 17), 200).Select(r => r.Index);
        var second = Take(Cursor(file.Path, DataFeedOrder.Random, seed: 17), 200).Select(r => r.Index);
        var other = Take(Cursor(file.Path, DataFeedOrder.Random, seed: 18), 200).Select(r => r.Index);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void TryNext_Unique_HandsOutEachRowOnceThenIsExhausted()
    {
        using var file = Numbered(2);
        var feeder = Cursor(file.Path, DataFeedOrder.Unique);

        Assert.True(feeder.TryNext(out var first));
        Assert.False(feeder.Exhausted);
        Assert.True(feeder.TryNext(out var second));

        Assert.True(feeder.Exhausted);
        Assert.False(feeder.TryNext(out var none));
        Assert.Null(none);
        Assert.False(feeder.TryNext(out _));
        Assert.Equal(["0", "1"], [Get(first, "n"), Get(second, "n")]);
    }

    [Fact]
    public void TryNext_UniqueFromEightThreads_HandsOutEachRowExactlyOnce()
    {
        using var file = Numbered(1_000);
        var feeder = Cursor(file.Path, DataFeedOrder.Unique);
        var taken = new ConcurrentBag<int>();
        using var start = new Barrier(8);

        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            while (feeder.TryNext(out var row))
            {
                taken.Add(row.Index);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Enumerable.Range(0, 1_000), taken.Order());
        Assert.True(feeder.Exhausted);
        Assert.False(feeder.TryNext(out _));
    }

    [Fact]
    public void TryNext_UniqueWithANewCursor_StartsAtTheFirstRowAgain()
    {
        // The loaded rows are the plan's and read-only; a cursor is one run's place in them.
        using var file = Numbered(2);
        var data = ScenarioData.Load(file.Path, DataFeedOrder.Unique);
        var first = new DataCursor(data);
        Assert.Equal(["0", "1"], Take(first, 2).Select(r => Get(r, "n")));
        Assert.True(first.Exhausted);

        var second = new DataCursor(data);

        Assert.False(second.Exhausted);
        Assert.Equal(["0", "1"], Take(second, 2).Select(r => Get(r, "n")));
    }

    [Fact]
    public void TryNext_RandomWithANewCursor_RepeatsTheFirstCursorsPicks()
    {
        using var file = Numbered(50);
        var data = ScenarioData.Load(file.Path, DataFeedOrder.Random);

        Assert.Equal(Take(new DataCursor(data), 200).Select(r => r.Index), Take(new DataCursor(data), 200).Select(r => r.Index));
    }

    private static DataCursor Cursor(string path, DataFeedOrder order, int seed = 0) => new(ScenarioData.Load(path, order, seed));

    private static TempDataFile Numbered(int rows) =>
        new(".csv", "n\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{i}\n")));

    private static List<DataRow> Take(DataCursor feeder, int count)
    {
        var rows = new List<DataRow>(count);
        for (var i = 0; i < count; i++)
        {
            Assert.True(feeder.TryNext(out var row));
            rows.Add(row);
        }

        return rows;
    }

    private static string Get(DataRow row, string column)
    {
        Assert.True(row.TryGet(column, out var value), $"row {row.Index} has no '{column}'");
        return value;
    }
}

using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Plans;

/// <summary>Limits checked when a plan is read: the YAML's shape (before nodes are built), durations, rates and the files a plan names.</summary>
public sealed class PlanLimitsTests
{
    private const string Head = "target: http://127.0.0.1:8080\nrequests:\n  - path: /\n";

    [Theory]
    [InlineData(100, null)]
    [InlineData(101, "nests deeper than 100 levels")]
    [InlineData(100_000, "nests deeper than 100 levels")]
    public void Check_Nesting_StopsPastTheLimitWithoutRecursing(int depth, string? message)
    {
        var text = "a: " + new string('[', depth - 1) + new string(']', depth - 1) + "\n";

        var error = YamlShapeCheck.Check(text, "p.yaml");

        Assert.Equal(message, error is null ? null : error.Message[(error.Message.IndexOf("nests", StringComparison.Ordinal))..]);
        if (error is not null)
        {
            Assert.Equal((1, 103), (error.Line, error.Column)); // "a:" is the first level, the 100th "[" the 101st
        }
    }

    [Fact]
    public void Check_AliasesWithinTheLimit_AreAccepted()
    {
        // Reusing a header block across requests is what anchors are for.
        var text = "h: &h { Accept: text/plain, X-Id: '1' }\nr: [" + string.Join(", ", Enumerable.Repeat("{ headers: *h }", 1000)) + "]\n";

        Assert.Null(YamlShapeCheck.Check(text, "p.yaml"));
    }

    [Fact]
    public void Check_AliasBomb_StopsAtTheAliasThatCrossesTheLimit()
    {
        var text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n";

        var error = YamlShapeCheck.Check(text, "p.yaml");

        Assert.NotNull(error);
        Assert.Contains("aliases expand to more than 100,000 nodes", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Line);
    }

    [Theory]
    [InlineData("a: 1\nb: 2\na: 3\n", 3, 1, "'a' appears twice")]
    [InlineData("a:\n  x: 1\n  y: { p: 1, p: 2 }\n", 3, 14, "'p' appears twice")]
    [InlineData("a: 1\n---\nb: 2\n", 2, 1, "a second one")]
    [InlineData("---\na: 1\n...\n---\nb: 2\n", 4, 1, "a second one")]
    public void Check_DuplicateKeysAndSecondDocuments_AreReportedAtTheirPlace(string text, int line, int column, string fragment)
    {
        var error = YamlShapeCheck.Check(text, "p.yaml");

        Assert.NotNull(error);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: [1, 2]\nb: { c: [x, { d: e }] }\n")]
    [InlineData("---\na: 1\n")]
    [InlineData("[1, 1, 1]\n")]
    [InlineData("a: [1, 2\n")]
    public void Check_OrdinaryYamlAndSyntaxErrors_AreLeftToTheParser(string text) =>
        Assert.Null(YamlShapeCheck.Check(text, "p.yaml"));

    [Theory]
    [InlineData("load: { model: open, rate: 1, duration: 720h }\n", null)]
    [InlineData("load: { model: open, rate: 1, duration: 721h }\n", "duration '721h' is longer than the limit of 720h")]
    [InlineData("load: { model: open, rate: 1, duration: 1s, graceful_stop: 24h }\n", null)]
    [InlineData("load: { model: open, rate: 1, duration: 1s, graceful_stop: 24h1ms }\n", "graceful_stop '24h1ms' is longer than the limit of 24h")]
    [InlineData("load: { model: open, rate: 1, duration: 1s, max_queue_wait: 25h }\n", "max_queue_wait '25h' is longer than the limit of 24h")]
    [InlineData("load: { model: open, rate: 1000000, duration: 1s }\n", null)]
    [InlineData("load: { model: open, rate: 1000001, duration: 1s }\n", "rate must be at most 1000000 requests/s")]
    [InlineData("load: { model: open, start_rate: 2e6, stages: [{ duration: 1s, target: 1 }] }\n", "start_rate must be at most 1000000 requests/s")]
    public void Parse_DurationAndRateLimits(string load, string? fragment)
    {
        var parse = () => PlanParser.Parse(Head + load, "p.yaml");

        if (fragment is null)
        {
            Assert.NotNull(parse());
        }
        else
        {
            var error = Assert.Throws<PlanException>(parse);
            Assert.Contains(error.Errors, e => e.Line == 4 && e.Message.Contains(fragment, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ReadText_RegularFileWithinTheLimit_IsRead()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "id\n1\n");
            Assert.Equal("id\n1\n", InputFile.ReadText(path, 5));
            var error = Assert.Throws<InputFileException>(() => InputFile.ReadText(path, 4));
            Assert.Contains("larger than the limit", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("/dev/zero", "it is a character device, not a regular file")]
    [InlineData("/dev/null", "it is a character device, not a regular file")]
    [InlineData("/", "it is a directory, not a file")]
    [InlineData("/nonexistent/x.csv", "file not found")]
    public void ReadText_NotARegularFile_IsRefusedBeforeOpening(string path, string message) =>
        Assert.StartsWith(message, Assert.Throws<InputFileException>(() => InputFile.ReadText(path, 1024)).Message, StringComparison.Ordinal);
}

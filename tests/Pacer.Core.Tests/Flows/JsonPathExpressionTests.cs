using System.Text;
using System.Text.Json;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

public sealed class JsonPathExpressionTests
{
    private const string Document = """
        {
          "a": { "b": { "c": "deep" } },
          "items": [ { "id": 1 }, { "id": 2 }, { "id": 3 } ],
          "matrix": [ [1, 2], [3, 4] ],
          "odd key": { "x": "spaced" },
          "a.b": "dotted",
          "it's": "quoted",
          "snake_case-name": true,
          "text": "hello",
          "empty": []
        }
        """;

    [Theory]
    [InlineData("$.a.b.c", "deep")]
    [InlineData("$.items[0].id", "1")]
    [InlineData("$.items[2].id", "3")]
    [InlineData("$.items[-1].id", "3")]
    [InlineData("$.items[-3].id", "1")]
    [InlineData("$.matrix[1][0]", "3")]
    [InlineData("$.matrix[-1][-1]", "4")]
    [InlineData("$['odd key'].x", "spaced")]
    [InlineData("$[\"odd key\"][\"x\"]", "spaced")]
    [InlineData("$['a.b']", "dotted")]
    [InlineData(@"$['it\'s']", "quoted")]
    [InlineData("$.snake_case-name", "true")]
    [InlineData("$['a']['b'].c", "deep")]
    public void Find_ExistingValue_FindsIt(string path, string expected) =>
        Assert.Equal(expected, Text(path, Document));

    [Fact]
    public void Find_Root_IsTheWholeDocument() => Assert.Equal("[1,2]", Text("$", "[1,2]"));

    [Fact]
    public void Find_IndexOnRootArray_FindsElement() => Assert.Equal("y", Text("$[1].id", """[{"id":"x"},{"id":"y"}]"""));

    [Theory]
    [InlineData("$.s", """{"s":"hi \"there\" \u00e9"}""", "hi \"there\" \u00e9")]
    [InlineData("$.o", """{"o": {"a": [1, 2]} }""", """{"a": [1, 2]}""")]
    [InlineData("$.n", """{"n": -1.50e3}""", "-1.50e3")]
    [InlineData("$['k\\'s']", """{"k's": null}""", "null")]
    public void Find_EachKind_WritesTheVariableText(string path, string json, string expected) =>
        Assert.Equal(expected, Text(path, json));

    [Theory]
    [InlineData("<html>not json</html>")]
    [InlineData("")]
    [InlineData("""{"token":"abc"} trailing""")]
    [InlineData("""{"token":"abc", "rest": [1, }""")]
    public void Find_BodyNotOneJsonValue_IsNotJsonWhereverTheMistakeIs(string body) =>
        Assert.Equal(JsonLookup.NotJson, JsonPathExpression.Parse("$.token").Find(Encoding.UTF8.GetBytes(body), out _));

    [Fact]
    public void TextEquals_EscapedString_ComparesItsText()
    {
        var json = Encoding.UTF8.GetBytes("""{"s":"caf\u00e9"}""");
        Assert.Equal(JsonLookup.Found, JsonPathExpression.Parse("$.s").Find(json, out var match));

        Assert.True(match.TextEquals(json, "café"u8));
        Assert.False(match.TextEquals(json, "cafe"u8));
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.a.b.missing")]
    [InlineData("$.a.missing.c")]
    [InlineData("$.items[3]")]
    [InlineData("$.items[-4]")]
    [InlineData("$.empty[0]")]
    [InlineData("$.empty[-1]")]
    [InlineData("$.items[0].name")]
    public void Find_MissingSegment_IsMissing(string path) =>
        Assert.Equal(JsonLookup.Missing, JsonPathExpression.Parse(path).Find(Encoding.UTF8.GetBytes(Document), out _));

    [Theory]
    [InlineData("$.items.id")]
    [InlineData("$.a[0]")]
    [InlineData("$.text.length")]
    [InlineData("$.text[0]")]
    [InlineData("$.a.b.c.d")]
    [InlineData("$.items[0].id.x")]
    public void Find_WrongKindOfValue_IsMissing(string path) =>
        Assert.Equal(JsonLookup.Missing, JsonPathExpression.Parse(path).Find(Encoding.UTF8.GetBytes(Document), out _));

    [Theory]
    [InlineData("", 1, "a path starts with '$'")]
    [InlineData("a.b", 1, "a path starts with '$'")]
    [InlineData("$a", 2, "unexpected 'a'")]
    [InlineData("$.", 3, "expected a name after '.'")]
    [InlineData("$..a", 2, "recursive descent '..' is not supported")]
    [InlineData("$.a.*", 5, "wildcard '*' is not supported")]
    [InlineData("$.items[*]", 9, "wildcard '[*]' is not supported")]
    [InlineData("$.items[?(@.id==1)]", 9, "filter '[?(...)]' is not supported")]
    [InlineData("$.items[:2]", 9, "slice '[:]' is not supported")]
    [InlineData("$.items[0:2]", 10, "slice '[a:b]' is not supported")]
    [InlineData("$.items[0,1]", 10, "union of indexes '[a,b]' is not supported")]
    [InlineData("$['a','b']", 6, "union of names is not supported")]
    [InlineData("$.a[", 4, "unclosed '['")]
    [InlineData("$.a[0", 4, "unclosed '['")]
    [InlineData("$.a[x]", 5, "unexpected 'x' in '[...]'")]
    [InlineData("$.a[-]", 6, "unexpected ']' in '[...]'")]
    [InlineData("$.a[9999999999]", 5, "index 9999999999 is too large")]
    [InlineData("$['abc", 3, "unclosed quote '")]
    [InlineData("$['a'", 6, "expected ']' after the quoted name")]
    [InlineData("$.a b", 4, "unexpected ' ' in a name")]
    public void Parse_BadSyntax_ThrowsWithColumn(string path, int column, string problem)
    {
        var e = Assert.Throws<JsonPathSyntaxException>(() => JsonPathExpression.Parse(path));

        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains($"at column {column} (", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.a.*")]
    [InlineData("$..a")]
    [InlineData("$.items[*]")]
    [InlineData("$.items[?(@.id==1)]")]
    [InlineData("$.items[0:2]")]
    public void Parse_UnsupportedFeature_SaysWhatIsSupported(string path)
    {
        var e = Assert.Throws<JsonPathSyntaxException>(() => JsonPathExpression.Parse(path));

        Assert.Contains("supported: $ for the root, .name, ['name']", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"hi \\\"there\\\"\"", "hi \"there\"")]
    [InlineData("42", "42")]
    [InlineData("-1.50e3", "-1.50e3")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", "null")]
    [InlineData("{\"a\": [1, 2]}", "{\"a\": [1, 2]}")]
    [InlineData("[1, \"x\"]", "[1, \"x\"]")]
    public void ToText_EachKind_IsItsVariableText(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, JsonPathExpression.ToText(document.RootElement));
    }

    [Fact]
    public void ToText_UndefinedElement_Throws()
    {
        Assert.Throws<ArgumentException>(() => JsonPathExpression.ToText(default));
    }

    [Fact]
    public void Text_AndToString_AreThePathAsWritten()
    {
        var path = JsonPathExpression.Parse("$.items[-1]['id']");

        Assert.Equal("$.items[-1]['id']", path.Text);
        Assert.Equal("$.items[-1]['id']", path.ToString());
        Assert.Equal([new JsonPathSegment("items", 0), new JsonPathSegment(null, -1), new JsonPathSegment("id", 0)], path.Segments);
    }

    private static string Text(string path, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(JsonLookup.Found, JsonPathExpression.Parse(path).Find(bytes, out var match));
        var output = new WireBuffer();
        match.WriteText(bytes, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}

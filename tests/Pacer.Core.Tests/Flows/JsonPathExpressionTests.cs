using System.Text.Json;
using Pacer.Core.Flows;

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
    public void TryEvaluate_ExistingValue_FindsIt(string path, string expected)
    {
        using var json = JsonDocument.Parse(Document);

        Assert.True(JsonPathExpression.Parse(path).TryEvaluate(json.RootElement, out var value));
        Assert.Equal(expected, JsonPathExpression.ToText(value));
    }

    [Fact]
    public void TryEvaluate_Root_IsTheWholeDocument()
    {
        using var json = JsonDocument.Parse("[1,2]");

        Assert.True(JsonPathExpression.Parse("$").TryEvaluate(json.RootElement, out var value));
        Assert.Equal("[1,2]", JsonPathExpression.ToText(value));
    }

    [Fact]
    public void TryEvaluate_IndexOnRootArray_FindsElement()
    {
        using var json = JsonDocument.Parse("""[{"id":"x"},{"id":"y"}]""");

        Assert.True(JsonPathExpression.Parse("$[1].id").TryEvaluate(json.RootElement, out var value));
        Assert.Equal("y", JsonPathExpression.ToText(value));
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
    public void TryEvaluate_MissingSegment_IsFalse(string path)
    {
        using var json = JsonDocument.Parse(Document);

        Assert.False(JsonPathExpression.Parse(path).TryEvaluate(json.RootElement, out _));
    }

    [Theory]
    [InlineData("$.items.id")]
    [InlineData("$.a[0]")]
    [InlineData("$.text.length")]
    [InlineData("$.text[0]")]
    [InlineData("$.a.b.c.d")]
    [InlineData("$.items[0].id.x")]
    public void TryEvaluate_WrongKindOfValue_IsFalse(string path)
    {
        using var json = JsonDocument.Parse(Document);

        Assert.False(JsonPathExpression.Parse(path).TryEvaluate(json.RootElement, out _));
    }

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
}

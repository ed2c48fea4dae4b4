using Pacer.Core.Plans;
using Pacer.Core.Transport;
using Pacer.Core.Running;

namespace Pacer.Core.Tests.Transport;

public sealed class RequestTextTests
{
    [Theory]
    [InlineData("Bearer abc", -1)]
    [InlineData("abc\r\nX-Injected: 1", 3)]
    [InlineData("abc\nX", 3)]
    [InlineData("a\0b", 1)]
    [InlineData("tab\tand space are fine", -1)]
    [InlineData("", -1)]
    public void IndexOfForbidden_FindsCrLfNulInTextAndBytes(string text, int expected)
    {
        Assert.Equal(expected, RequestText.IndexOfForbidden(text));
        Assert.Equal(expected, RequestText.IndexOfForbidden(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("X-Custom_1.2~!#$%&'*+^`|", true)]
    [InlineData("", false)]
    [InlineData("X-A\n", false)]
    [InlineData("X A", false)]
    [InlineData("X:A", false)]
    [InlineData("Zürich", false)]
    public void IsToken_AcceptsOnlyRfc9110TokenCharacters(string name, bool expected) => Assert.Equal(expected, RequestText.IsToken(name));

    [Fact]
    public void Problem_NamesTheCharacterAndItsPosition()
    {
        Assert.Null(RequestText.Problem("header 'A'", "fine"));
        Assert.Equal(
            @"header 'A' contains a line feed (\n) at position 2; CR, LF and NUL are never sent in a request line or header",
            RequestText.Problem("header 'A'", "ab\ncd"));
    }

    public static TheoryData<RequestSpec, string> UnsendableSpecs => new()
    {
        { Spec("GET", "/", ("X-A", "1\r\n2")), @"header 'X-A' contains a carriage return (\r)" },
        { Spec("GET", "/", ("X-A\n", "1")), @"header name 'X-A\n' is not a token" },
        { Spec("GET\r\n", "/"), "is not a token" },
    };

    [Theory]
    [MemberData(nameof(UnsendableSpecs))]
    public void TheMixEncoder_RefusesASpecBuiltInCodeWithCrLf(RequestSpec spec, string fragment)
    {
        // The plan reader refuses these; a RequestSpec built through the public API must not reach the wire either. Every
        // transport sends the one framing the mix encoder makes, so refusing it there keeps it off every wire.
        var error = Assert.Throws<ArgumentException>(() => MixRequest.Encode(spec));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MixRequest_SendableSpec_IsFramedAsBefore()
    {
        var spec = Spec("GET", "/a?b=c", ("Authorization", "Bearer t"));
        var wire = System.Text.Encoding.ASCII.GetString(MixRequest.Encode(spec).Wire);
        Assert.Equal("GET /a?b=c HTTP/1.1\r\nHost: example.test\r\nAuthorization: Bearer t\r\n\r\n", wire);
    }

    private static RequestSpec Spec(string method, string path, params (string Name, string Value)[] headers) =>
        new("r", method, new Uri("http://example.test" + path), [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], null, 1, TimeSpan.FromSeconds(1));
}

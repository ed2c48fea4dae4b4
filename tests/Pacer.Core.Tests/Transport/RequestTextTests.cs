using Pacer.Core.Plans;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

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
    public void EveryFramer_RefusesASpecBuiltInCodeWithCrLf(RequestSpec spec, string fragment)
    {
        // The plan reader refuses these; a RequestSpec built through the public API must not reach the wire either.
        var lean = Assert.Throws<ArgumentException>(() => new EncodedRequest(spec, Endpoint()));
        var httpClient = Assert.Throws<ArgumentException>(() => new PreparedRequest(spec));
        Assert.Contains(fragment, lean.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, httpClient.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodedRequest_SendableSpec_IsFramedAsBefore()
    {
        var spec = Spec("GET", "/a?b=c", ("Authorization", "Bearer t"));
        var wire = System.Text.Encoding.ASCII.GetString(new EncodedRequest(spec, Endpoint()).Bytes);
        Assert.Equal("GET /a?b=c HTTP/1.1\r\nHost: example.test\r\nAuthorization: Bearer t\r\n\r\n", wire);
    }

    private static Http1Endpoint Endpoint() => new(0, "example.test", System.Net.IPAddress.Loopback, 80);

    private static RequestSpec Spec(string method, string path, params (string Name, string Value)[] headers) =>
        new("r", method, new Uri("http://example.test" + path), [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], null, 1, TimeSpan.FromSeconds(1));
}

using System.Text;
using Pacer.Core.Flows;

namespace Pacer.Core.Tests.Flows;

public sealed class FlowRequestTests
{
    [Theory]
    [InlineData("http://h:8080/a/b?q=1#frag", "GET /a/b?q=1 HTTP/1.1\r\nHost: h:8080\r\n\r\n")]
    [InlineData("http://h", "GET / HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("http://h?q=1", "GET /?q=1 HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("HTTP://h/search?q=a b&c=é", "GET /search?q=a%20b&c=%C3%A9 HTTP/1.1\r\nHost: h\r\n\r\n")]
    public void EncodeHttp1_Url_IsARequestLineAndHost(string url, string expected) =>
        Assert.Equal(expected, Encode("GET", url));

    [Fact]
    public void EncodeHttp1_HeadersAndBody_AreFramedWithTheirLength()
    {
        var request = new FlowRequest();
        request.Begin("s", "POST", TimeSpan.FromSeconds(1));
        request.Url.WriteUtf8("http://127.0.0.1:5000/login");
        Assert.True(request.TryParseUrl(out _));
        request.Headers.WriteUtf8("Content-Type: application/json\r\n");
        request.HasBody = true;
        request.Body.WriteUtf8("{\"u\":1}");

        var encoded = request.Encode();

        Assert.Equal("POST /login HTTP/1.1\r\nHost: 127.0.0.1:5000\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"u\":1}", Encoding.UTF8.GetString(encoded.Wire));
        Assert.Equal(5000, request.Port);
    }

    [Theory]
    [InlineData("http://[::1]:9000/x", "::1", 9000, false)]
    [InlineData("https://example.com/x", "example.com", 443, true)]
    [InlineData("http://Example.com/x", "Example.com", 80, false)]
    public void TryParseUrl_HostPortAndScheme(string url, string host, int port, bool https)
    {
        var request = Parse(url, out var problem);

        Assert.Equal(string.Empty, problem);
        Assert.Equal(host, Encoding.UTF8.GetString(request.Host));
        Assert.Equal(port, request.Port);
        Assert.Equal(https, request.IsHttps);
    }

    [Theory]
    [InlineData("/relative", "does not start with http:// or https://")]
    [InlineData("ftp://h/x", "does not start with http:// or https://")]
    [InlineData("http:///x", "has no host")]
    [InlineData("http://h:99999/x", "has no valid port")]
    [InlineData("http://h:x/x", "has no valid port")]
    [InlineData("http://a b/x", "space or a control character in its host")]
    [InlineData("http://user:pw@h/x", "carries user information")]
    public void TryParseUrl_Unsendable_SaysWhy(string url, string why)
    {
        Parse(url, out var problem);

        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    private static FlowRequest Parse(string url, out string problem)
    {
        var request = new FlowRequest();
        request.Begin("s", "GET", TimeSpan.FromSeconds(1));
        request.Url.WriteUtf8(url);
        request.TryParseUrl(out problem);
        return request;
    }

    private static string Encode(string method, string url)
    {
        var request = new FlowRequest();
        request.Begin("s", method, TimeSpan.FromSeconds(1));
        request.Url.WriteUtf8(url);
        Assert.True(request.TryParseUrl(out var problem), problem);
        return Encoding.UTF8.GetString(request.Encode().Wire);
    }
}

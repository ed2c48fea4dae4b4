using System.Text;
using Pacer.Core.Flows;
using Pacer.Core.Plans;
using Pacer.Core.Running;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>One HTTP/1.1 writer: a mix's request framed once at load and a scenario step framed per send come out the same.</summary>
public sealed class Http1RequestWriterTests
{
    [Theory]
    [InlineData("GET", "http://127.0.0.1:5000/a?b=c", null)]
    [InlineData("POST", "http://example.test/login", "{\"u\":1}")]
    [InlineData("PUT", "http://[::1]:8080/x", null)]
    [InlineData("DELETE", "http://example.test/", "")]
    public void MixRequestAndScenarioStep_SameRequest_SameBytes(string method, string url, string? body)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Accept", "application/json"), new("X-Trace", "t-1") };
        var mix = MixRequest.Encode(new RequestSpec("r", method, new Uri(url), headers, body, 1, TimeSpan.FromSeconds(1)));

        var step = new FlowRequest();
        step.Begin("r", method, TimeSpan.FromSeconds(1));
        step.Url.WriteUtf8(url);
        Assert.True(step.TryParseUrl(out var problem), problem);
        foreach (var (name, value) in headers)
        {
            step.Headers.WriteUtf8($"{name}: {value}\r\n");
        }

        if (body is not null)
        {
            step.HasBody = true;
            step.Body.WriteUtf8(body);
        }

        Assert.Equal(Encoding.UTF8.GetString(mix.Wire), Encoding.UTF8.GetString(step.Encode().Wire));
        Assert.True(mix.IsFrozen);
    }

    [Fact]
    public void MixRequest_UsersFramingHeaders_AreLeftOutAndTheBodyFramedOnce()
    {
        var spec = new RequestSpec("r", "POST", new Uri("http://h/p"), [new("Content-Length", "99"), new("Transfer-Encoding", "chunked"), new("Host", "other")], "ab", 1, TimeSpan.FromSeconds(1));

        var wire = Encoding.UTF8.GetString(MixRequest.Encode(spec).Wire);

        Assert.Equal("POST /p HTTP/1.1\r\nHost: other\r\nContent-Length: 2\r\n\r\nab", wire);
    }

    [Fact]
    public void FrozenRequest_CannotBeSetAgain()
    {
        var request = MixRequest.Encode(new RequestSpec("r", "GET", new Uri("http://h/"), [], null, 1, TimeSpan.FromSeconds(1)));
        Assert.True(Pacer.Core.Transport.UrlParts.TryParse("http://h/x"u8, out var parts, out _));

        var error = Assert.Throws<InvalidOperationException>(() => request.Set("r", "GET", TimeSpan.FromSeconds(1), "http://h/x"u8, parts, [], false, [], false, false));

        Assert.Contains("frozen", error.Message, StringComparison.Ordinal);
    }
}

using Pacer.Reports.Markdown;

namespace Pacer.Reports.Tests.Markdown;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("GET /api/orders", "GET /api/orders")]
    [InlineData("<img src=x onerror=alert(1)>", @"\<img src=x onerror=alert(1)\>")]
    [InlineData("<!-- hides the rest", @"\<!-- hides the rest")]
    [InlineData("a | b", @"a \| b")]
    [InlineData("[click](http://evil)", @"\[click\](http://evil)")]
    [InlineData("**bold** _em_ `code` ~x~ &amp;", @"\*\*bold\*\* \_em\_ \`code\` \~x\~ \&amp;")]
    [InlineData("line\nbreak\u001b[31m", @"line\\nbreak\\x1b\[31m")]
    public void Escape_LeavesNothingMarkdownOrHtmlActsOn(string text, string expected) => Assert.Equal(expected, MarkdownText.Escape(text));

    [Theory]
    [InlineData("http_req_duration", "`http_req_duration`")]
    [InlineData("p(95)<200 | x", @"`p(95)<200 \| x`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`edge`", "`` `edge` ``")]
    [InlineData("esc\u001b", @"`esc\x1b`")]
    public void Code_FencesLongerThanAnyBacktickRun(string text, string expected) => Assert.Equal(expected, MarkdownText.Code(text));
}

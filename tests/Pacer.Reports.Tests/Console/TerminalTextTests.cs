using Pacer.Reports.Console;

namespace Pacer.Reports.Tests.Console;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("\u001b]0;pwned\u0007\u001b[31mred", @"\x1b]0;pwned\x07\x1b[31mred")]
    [InlineData("line\r\nforged: ok", @"line\r\nforged: ok")]
    [InlineData("nul\0 del\u007f c1\u009b", @"nul\x00 del\x7f c1\x9b")]
    [InlineData("bidi \u202eevil\u2066", @"bidi \u202eevil\u2066")]
    [InlineData("tab\there", @"tab\there")]
    [InlineData("ünïcode ✓ stays", "ünïcode ✓ stays")]
    [InlineData(null, "")]
    public void Clean_MakesControlCharactersVisible(string? text, string expected) => Assert.Equal(expected, TerminalText.Clean(text));

    [Fact]
    public void Markup_CleansThenEscapesSpectreMarkup() => Assert.Equal(@"[[red]]\x1b[[0m", TerminalText.Markup("[red]\u001b[0m"));
}

using Pacer.Reports.Junit;
using Pacer.Reports.Tests.Html;

namespace Pacer.Reports.Tests.Console;

public sealed class JUnitControlCharacterTests
{
    [Fact]
    public void RunJUnit_NameWithCharactersXml10Forbids_IsWrittenAsParseableXml()
    {
        var run = RunFixture.Load();
        run = run with { Plan = run.Plan with { Name = "plan \u001b]0;t\u0007 \0 <x>" } };

        var xml = RunJUnitWriter.Write(run);

        var parsed = System.Xml.Linq.XDocument.Parse(xml);
        Assert.Contains(@"plan \x1b]0;t\x07 \x00 <x>", parsed.Root!.Element("testsuite")!.Attribute("name")!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain ✓ 😀", "plain ✓ 😀")]
    [InlineData("tab\tline\r\nkept", "tab\tline\r\nkept")]
    [InlineData("esc\u001b nul\0", @"esc\x1b nul\x00")]
    public void Clean_EscapesOnlyWhatXmlForbids(string text, string expected) => Assert.Equal(expected, JUnitText.Clean(text));

    [Fact]
    public void Clean_LoneSurrogate_IsEscaped() => Assert.Equal(@"lone\ud800!", JUnitText.Clean("lone" + (char)0xD800 + "!"));
}

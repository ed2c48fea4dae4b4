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
}

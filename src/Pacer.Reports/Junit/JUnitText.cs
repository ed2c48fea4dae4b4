using System.Xml.Linq;
using Pacer.Reports.Console;

namespace Pacer.Reports.Junit;

/// <summary>
/// Makes a JUnit document writable: XML 1.0 forbids most control characters even as character references, and the writer
/// throws on them, so a plan or check name or a server's message holding ESC would lose the whole report. Every attribute
/// and text is passed through the console's sanitizer, which shows them as visible escapes (<c>\x1b</c>) instead.
/// </summary>
internal static class JUnitText
{
    /// <summary>Cleans every attribute value and text node under <paramref name="root"/> in place and returns it.</summary>
    public static XElement Sanitize(XElement root)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes())
            {
                attribute.Value = TerminalText.Clean(attribute.Value);
            }

            foreach (var text in element.Nodes().OfType<XText>())
            {
                text.Value = TerminalText.Clean(text.Value);
            }
        }

        return root;
    }
}

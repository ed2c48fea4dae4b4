using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Pacer.Reports.Junit;

/// <summary>
/// Makes a JUnit document writable: XML 1.0 forbids most control characters (ESC, NUL …) even as character references, and
/// the writer throws on them, so a plan or check name or a server's message holding one would lose the whole report. Each
/// such character in an attribute or text is shown as a visible escape (<c>\x1b</c>), as the console shows it; tabs and
/// line breaks, which XML allows, stay.
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
                attribute.Value = Clean(attribute.Value);
            }

            foreach (var text in element.Nodes().OfType<XText>())
            {
                text.Value = Clean(text.Value);
            }
        }

        return root;
    }

    /// <summary><paramref name="text"/> with every character XML 1.0 forbids (including a lone surrogate) as <c>\xNN</c> / <c>\uNNNN</c>.</summary>
    public static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
            }
            else
            {
                clean ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
                clean.Append(c <= 0xFF ? @"\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) : @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return clean?.ToString() ?? text;
    }
}

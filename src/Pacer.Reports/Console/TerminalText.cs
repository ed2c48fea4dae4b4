using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Pacer.Reports.Console;

/// <summary>
/// The one sanitizer every console line's outside text goes through (plan names, a server's status lines and error messages,
/// file names): control characters are shown as escapes (<c>\x1b</c>, <c>\r</c>, <c>\n</c>) so that a server or a plan cannot
/// retitle the terminal, recolour it, move the cursor or forge a line, and the reader sees that such bytes were there.
/// </summary>
internal static class TerminalText
{
    /// <summary><paramref name="text"/> with C0, DEL and C1 control characters and bidirectional overrides made visible.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.AsSpan().ContainsAny(Unsafe))
        {
            return text ?? string.Empty;
        }

        var clean = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r':
                    clean.Append(@"\r");
                    break;
                case '\n':
                    clean.Append(@"\n");
                    break;
                case '\t':
                    clean.Append(@"\t");
                    break;
                case '\\':
                    clean.Append('\\');
                    break;
                default:
                    if (Unsafe.Contains(c))
                    {
                        clean.Append(c <= 0xFF ? @"\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) : @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        clean.Append(c);
                    }

                    break;
            }
        }

        return clean.ToString();
    }

    /// <summary><see cref="Clean"/> then escaped for Spectre markup: what every interpolated outside value in a markup line uses.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(Clean(text));

    /// <summary>Characters a terminal acts on rather than shows: C0 controls, DEL, C1 controls, bidi embeddings and isolates.</summary>
    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Append(0x7F).Concat(Enumerable.Range(0x80, 0x20)).Concat(Enumerable.Range(0x202A, 5)).Concat(Enumerable.Range(0x2066, 4)).Select(i => (char)i)));
}

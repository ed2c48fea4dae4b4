using System.Text;
using Pacer.Reports.Console;

namespace Pacer.Reports.Markdown;

/// <summary>
/// The one escaper for outside text (plan, request and check names, a server's messages, file names) put into Markdown, run and
/// compare alike: a name like <c>&lt;img onerror=…&gt;</c> or <c>&lt;!--</c> must show as text, not become HTML, a comment that
/// hides the rest of the report, a link or a broken table.
/// </summary>
internal static class MarkdownText
{
    /// <summary>
    /// Text for Markdown prose or a table cell: control characters made visible (as on the console) and every character
    /// Markdown or inline HTML acts on backslash-escaped (CommonMark lets any ASCII punctuation be escaped so). <c>#</c>, <c>!</c> and parentheses act only
    /// at a line's start or after <c>]</c>, which escaped text never is, so they are left as they are.
    /// </summary>
    public static string Escape(string? text)
    {
        var clean = TerminalText.Clean(text);
        var md = new StringBuilder(clean.Length + 8);
        foreach (var c in clean)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '|' or '~')
            {
                md.Append('\\');
            }

            md.Append(c);
        }

        return md.ToString();
    }

    /// <summary>
    /// Text as a code span inside a table cell: control characters made visible, a fence longer than any backtick run inside,
    /// and <c>|</c> escaped (GitHub splits cells on it even inside code).
    /// </summary>
    public static string Code(string? text)
    {
        var clean = TerminalText.Clean(text).Replace("|", "\\|", StringComparison.Ordinal);
        var longest = 0;
        var run = 0;
        foreach (var c in clean)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = clean.StartsWith('`') || clean.EndsWith('`') ? " " : string.Empty;
        return fence + pad + clean + pad + fence;
    }
}

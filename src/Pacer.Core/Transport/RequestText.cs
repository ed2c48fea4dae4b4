using System.Buffers;

namespace Pacer.Core.Transport;

/// <summary>
/// The one rule for text that goes into a request's head, shared by the plan reader, the flow renderer and the request mix's
/// encoder (which refuse what breaks it before anything is framed): a method, target, header name
/// or header value never carries CR, LF or NUL, and a header name is an RFC 9110 token. A CR or LF would end the line early
/// and let the rest become another header or a second, smuggled request (and desynchronise a kept-alive connection); a NUL
/// is cut short or refused by servers in ways that differ between them.
/// </summary>
internal static class RequestText
{
    private static readonly SearchValues<byte> ForbiddenBytes = SearchValues.Create("\r\n\0"u8);
    private static readonly SearchValues<char> ForbiddenChars = SearchValues.Create("\r\n\0");
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Where the first CR, LF or NUL is, or -1.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<byte> text) => text.IndexOfAny(ForbiddenBytes);

    /// <summary>Where the first CR, LF or NUL is, or -1.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<char> text) => text.IndexOfAny(ForbiddenChars);

    /// <summary>Whether <paramref name="name"/> is a non-empty token (the only characters a header name or method may have).</summary>
    public static bool IsToken(ReadOnlySpan<char> name) => !name.IsEmpty && !name.ContainsAnyExcept(TokenChars);

    /// <summary>The forbidden character named for a message, e.g. <c>a line feed (\n)</c>.</summary>
    public static string Describe(int character) => character switch
    {
        '\r' => @"a carriage return (\r)",
        '\n' => @"a line feed (\n)",
        _ => @"a NUL (\0)",
    };

    /// <summary>
    /// Why <paramref name="text"/> cannot be sent as <paramref name="what"/> (e.g. <c>header 'Authorization'</c>), or null when
    /// it can: names the character and its position (0-based, in characters).
    /// </summary>
    public static string? Problem(string what, ReadOnlySpan<char> text)
    {
        var at = IndexOfForbidden(text);
        return at < 0 ? null : $"{what} contains {Describe(text[at])} at position {at}; CR, LF and NUL are never sent in a request line or header";
    }

    /// <summary>Text with CR, LF and NUL shown as escapes, for a message that must stay on one line.</summary>
    public static string Escape(string text) =>
        IndexOfForbidden(text) < 0 ? text : text.Replace("\r", @"\r", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal).Replace("\0", @"\0", StringComparison.Ordinal);
}

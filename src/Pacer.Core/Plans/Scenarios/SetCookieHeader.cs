namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Reads a <c>Set-Cookie</c> header value: the cookie's <c>name=value</c> and its attributes. Shared by a step's cookie
/// extraction and the virtual user's cookie jar (which decides what the attributes mean), so both read a cookie alike.
/// </summary>
internal static class SetCookieHeader
{
    /// <summary>
    /// Splits <paramref name="header"/> into the cookie's name and value (spaces and quotes around the value removed) and the
    /// attributes after the first <c>;</c>; false when it names no cookie.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> header, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out ReadOnlySpan<byte> attributes)
    {
        name = value = attributes = default;
        var semicolon = header.IndexOf((byte)';');
        var pair = semicolon < 0 ? header : header[..semicolon];
        var eq = pair.IndexOf((byte)'=');
        if (eq <= 0)
        {
            return false;
        }

        name = pair[..eq].Trim((byte)' ');
        value = pair[(eq + 1)..].Trim((byte)' ').Trim((byte)'"');
        attributes = semicolon < 0 ? default : header[(semicolon + 1)..];
        return !name.IsEmpty;
    }
}

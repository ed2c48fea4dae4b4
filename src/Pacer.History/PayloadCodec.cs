using System.IO.Compression;
using System.Text;

namespace Pacer.History;

/// <summary>
/// A run's whole file, compressed for the store. GZip rather than Brotli: a result file's bulk is already-compressed base64
/// histograms, where both do about as well, and a gzip column can be read back with nothing but <c>sqlite3</c> and
/// <c>zcat</c> (or PostgreSQL and <c>gunzip</c>) when Pacer is not at hand.
/// </summary>
internal static class PayloadCodec
{
    /// <summary>The encoding recorded beside each payload, so another can be added without guessing.</summary>
    public const string Encoding = "gzip";

    public static byte[] Compress(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>The text of <paramref name="payload"/>.</summary>
    /// <exception cref="InvalidDataException">It is not gzip data in <paramref name="encoding"/>, or is cut short.</exception>
    public static string Decompress(byte[] payload, string encoding)
    {
        if (encoding != Encoding)
        {
            throw new InvalidDataException($"its file is stored as '{encoding}', which this Pacer does not read (it reads {Encoding})");
        }

        using var gzip = new GZipStream(new MemoryStream(payload, writable: false), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true));
        return reader.ReadToEnd();
    }
}

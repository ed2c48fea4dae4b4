using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Pacer.Core.Platform;
namespace Pacer.Core.Transport.Http1;

/// <summary>
/// An incremental, allocation-free HTTP/1.1 response parser for the lean transport. Feed it the unread bytes of a connection;
/// it consumes what it can (never past a declared length) and keeps only a few numbers of state, so a connection needs no
/// buffer of its own beyond the bytes of one unfinished header line. Handles Content-Length, chunked transfer encoding with
/// extensions and trailers, <c>Connection: close</c>, interim 1xx responses, bodiless responses (HEAD, 1xx, 204, 304), and
/// bodies delimited by the connection closing. Body bytes are counted and discarded, unless a flow step's
/// <see cref="ExchangeResponse"/> is given to keep the header lines and the (de-chunked) body in.
/// </summary>
internal struct Http1ResponseParser
{
    /// <summary>A header section or chunk-size line longer than this is treated as invalid (a server gone wrong, not a valid response).</summary>
    public const int MaxLineLength = 16 * 1024;

    private State state;
    private long remaining;
    private bool chunked;
    private bool hasLength;
    private bool headRequest;
    private ExchangeResponse? capture;

    private enum State : byte
    {
        StatusLine,
        Headers,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done,
    }

    /// <summary>HTTP status of the final (non-1xx) response.</summary>
    public int Status { get; private set; }

    /// <summary>The server asked to close the connection (or spoke HTTP/1.0 without keep-alive).</summary>
    public bool CloseConnection { get; private set; }

    /// <summary>Body bytes seen so far.</summary>
    public long BodyBytes { get; private set; }

    /// <summary>True while the body runs until the connection closes: end of stream then completes the response.</summary>
    public readonly bool ReadsUntilClose => state == State.UntilClose;

    /// <summary>Starts a new response; <paramref name="isHead"/> for a HEAD request, whose response has no body;
    /// <paramref name="keep"/> to keep its header lines and body (cleared here, so a retry starts clean).</summary>
    [MethodImpl(HotPath.Shared)]
    public void Reset(bool isHead, ExchangeResponse? keep = null)
    {
        this = default;
        headRequest = isHead;
        capture = keep;
        keep?.Clear();
    }

    /// <summary>
    /// Parses as much of <paramref name="data"/> as it can. <paramref name="consumed"/> bytes were used; the caller keeps the
    /// rest and offers it again with more bytes appended.
    /// </summary>
    [MethodImpl(HotPath.Shared)]
    public ResponseParseStatus Parse(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        while (true)
        {
            var rest = data[consumed..];
            switch (state)
            {
                case State.Done:
                    return ResponseParseStatus.Complete;

                case State.StatusLine:
                case State.Headers:
                case State.Trailers:
                case State.ChunkSize:
                case State.ChunkDataEnd:
                {
                    var end = rest.IndexOf("\r\n"u8);
                    if (end < 0)
                    {
                        return rest.Length > MaxLineLength ? ResponseParseStatus.Invalid : ResponseParseStatus.NeedMore;
                    }

                    var line = rest[..end];
                    consumed += end + 2;
                    if (!Line(line))
                    {
                        return ResponseParseStatus.Invalid;
                    }

                    break;
                }

                case State.FixedBody:
                case State.ChunkData:
                {
                    var take = (int)Math.Min(remaining, rest.Length);
                    if (capture is not null && !capture.AddBody(rest[..take]))
                    {
                        return ResponseParseStatus.TooLarge;
                    }

                    consumed += take;
                    remaining -= take;
                    BodyBytes += take;
                    if (remaining > 0)
                    {
                        return ResponseParseStatus.NeedMore;
                    }

                    state = state == State.FixedBody ? State.Done : State.ChunkDataEnd;
                    break;
                }

                case State.UntilClose:
                    if (capture is not null && !capture.AddBody(rest))
                    {
                        return ResponseParseStatus.TooLarge;
                    }

                    consumed += rest.Length;
                    BodyBytes += rest.Length;
                    return ResponseParseStatus.NeedMore;
            }
        }
    }

    [MethodImpl(HotPath.Shared)]
    private bool Line(ReadOnlySpan<byte> line)
    {
        switch (state)
        {
            case State.StatusLine:
                return StatusLine(line);

            case State.Headers:
                return line.IsEmpty ? EndOfHeaders() : Header(line);

            case State.ChunkSize:
            {
                var semicolon = line.IndexOf((byte)';');
                var size = (semicolon >= 0 ? line[..semicolon] : line).Trim((byte)' ');
                if (size.IsEmpty || size.Length > 15 || !Utf8Parser.TryParse(size, out long length, out var used, 'x') || used != size.Length || length < 0)
                {
                    return false;
                }

                remaining = length;
                state = length == 0 ? State.Trailers : State.ChunkData;
                return true;
            }

            case State.ChunkDataEnd:
                state = State.ChunkSize;
                return line.IsEmpty;

            case State.Trailers:
                if (line.IsEmpty)
                {
                    state = State.Done;
                }

                return line.IsEmpty || line.IndexOf((byte)':') > 0;

            default:
                return false;
        }
    }

    [MethodImpl(HotPath.Shared)]
    private bool StatusLine(ReadOnlySpan<byte> line)
    {
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || (line[7] != (byte)'1' && line[7] != (byte)'0') || line[8] != (byte)' ')
        {
            return false;
        }

        if (!Utf8Parser.TryParse(line.Slice(9, 3), out int status, out var used) || used != 3 || status < 100 || status > 999
            || (line.Length > 12 && line[12] != (byte)' '))
        {
            return false;
        }

        Status = status;
        CloseConnection = line[7] == (byte)'0';
        hasLength = false;
        chunked = false;
        remaining = 0;
        state = State.Headers;
        return true;
    }

    [MethodImpl(HotPath.Shared)]
    private bool Header(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t')
        {
            return false;
        }

        capture?.AddHeaderLine(line);
        // Only three headers matter here, and most lines are none of them (their names differ in length from all three):
        // the value is trimmed only for those.
        var name = line[..colon];
        if (name.EqualsAnyCase("content-length"u8))
        {
            var value = ValueOf(line, colon);
            if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0 || (hasLength && length != remaining))
            {
                return false;
            }

            hasLength = true;
            remaining = length;
        }
        else if (name.EqualsAnyCase("transfer-encoding"u8))
        {
            chunked = ValueOf(line, colon).EndsWithAnyCase("chunked"u8);
        }
        else if (name.EqualsAnyCase("connection"u8))
        {
            var value = ValueOf(line, colon);
            if (value.ContainsAnyCase("close"u8))
            {
                CloseConnection = true;
            }
            else if (value.ContainsAnyCase("keep-alive"u8))
            {
                CloseConnection = false;
            }
        }

        return true;
    }

    /// <summary>The value of header line <paramref name="line"/> whose colon is at <paramref name="colon"/>, without the spaces and tabs around it.</summary>
    private static ReadOnlySpan<byte> ValueOf(ReadOnlySpan<byte> line, int colon) => line[(colon + 1)..].Trim(" \t"u8);

    [MethodImpl(HotPath.Shared)]
    private bool EndOfHeaders()
    {
        if (Status < 200)
        {
            // An interim response (100 Continue, 103 Early Hints): the real one follows on the same connection.
            var keep = CloseConnection;
            var head = headRequest;
            var kept = capture;
            this = default;
            headRequest = head;
            CloseConnection = keep;
            capture = kept;
            capture?.ClearHeaders();
            return true;
        }

        if (headRequest || Status is 204 or 304)
        {
            state = State.Done;
        }
        else if (chunked)
        {
            state = State.ChunkSize;
        }
        else if (hasLength)
        {
            state = remaining == 0 ? State.Done : State.FixedBody;
        }
        else
        {
            state = State.UntilClose;
            CloseConnection = true;
        }

        return true;
    }
}

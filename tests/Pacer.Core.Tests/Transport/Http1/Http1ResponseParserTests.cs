using System.Text;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

public sealed class Http1ResponseParserTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, 5, false)]
    [InlineData("HTTP/1.1 201 Created\r\ncontent-length:0\r\n\r\n", 201, 0, false)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n", 200, 11, false)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 99\r\n\r\n0\r\n\r\n", 200, 0, false)]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", 204, 0, false)]
    [InlineData("HTTP/1.1 304 Not Modified\r\n\r\n", 304, 0, false)]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, 2, false)]
    [InlineData("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 4\r\n\r\nbusy", 503, 4, true)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, 2, true)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok", 200, 2, false)]
    [InlineData("HTTP/1.1 200\r\nContent-Length: 1\r\n\r\nx", 200, 1, false)]
    public void Parse_WholeResponse_Completes(string response, int status, long body, bool close)
    {
        var parser = default(Http1ResponseParser);
        var bytes = Encoding.ASCII.GetBytes(response);

        var result = parser.Parse(bytes, out var consumed);

        Assert.Equal(ResponseParseStatus.Complete, result);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(status, parser.Status);
        Assert.Equal(body, parser.BodyBytes);
        Assert.Equal(close, parser.CloseConnection);
    }

    [Fact]
    public void Parse_HeadRequest_HasNoBodyDespiteContentLength()
    {
        var parser = default(Http1ResponseParser);
        parser.Reset(isHead: true);

        var result = parser.Parse("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"u8, out _);

        Assert.Equal(ResponseParseStatus.Complete, result);
        Assert.Equal(0, parser.BodyBytes);
    }

    [Fact]
    public void Parse_NoLengthNoChunking_ReadsUntilClose()
    {
        var parser = default(Http1ResponseParser);

        var result = parser.Parse("HTTP/1.1 200 OK\r\n\r\nsome body"u8, out var consumed);

        Assert.Equal(ResponseParseStatus.NeedMore, result);
        Assert.True(parser.ReadsUntilClose);
        Assert.True(parser.CloseConnection);
        Assert.Equal(9, parser.BodyBytes);
        Assert.Equal(28, consumed);
    }

    [Fact]
    public void Parse_NeverConsumesPastTheDeclaredLength()
    {
        var parser = default(Http1ResponseParser);

        var result = parser.Parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n"u8, out var consumed);

        Assert.Equal(ResponseParseStatus.Complete, result);
        Assert.Equal(40, consumed);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n")]
    [InlineData("HTTP/2 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n")]
    public void Parse_Garbage_IsInvalid(string response)
    {
        var parser = default(Http1ResponseParser);

        Assert.Equal(ResponseParseStatus.Invalid, parser.Parse(Encoding.ASCII.GetBytes(response), out _));
    }

    [Fact]
    public void Parse_EndlessHeaderLine_IsInvalidInsteadOfBufferingForever()
    {
        var parser = default(Http1ResponseParser);
        var huge = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nX: " + new string('a', Http1ResponseParser.MaxLineLength + 10));

        Assert.Equal(ResponseParseStatus.Invalid, parser.Parse(huge, out _));
    }

    [Fact]
    public void Parse_ThousandsOfRandomlySplitResponses_GiveTheSameResultAsWhole()
    {
        var random = new Random(2026);
        for (var n = 0; n < 3000; n++)
        {
            var (bytes, status, body, close) = RandomResponse(random);
            var parser = default(Http1ResponseParser);
            var (result, _) = FeedInPieces(ref parser, bytes, random);

            Assert.Equal(ResponseParseStatus.Complete, result);
            Assert.Equal(status, parser.Status);
            Assert.Equal(body, parser.BodyBytes);
            Assert.Equal(close, parser.CloseConnection);
        }
    }

    [Fact]
    public void Parse_ThousandsOfGarbledOrTruncatedResponses_NeverThrowNeverOverreadNeverLoop()
    {
        var random = new Random(7);
        for (var n = 0; n < 5000; n++)
        {
            var (bytes, _, _, _) = RandomResponse(random);
            var mutated = (byte[])bytes.Clone();
            switch (random.Next(3))
            {
                case 0:
                    for (var k = 0; k < 1 + random.Next(4); k++)
                    {
                        mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    mutated = mutated[..random.Next(mutated.Length)];
                    break;
                default:
                    var cut = random.Next(mutated.Length);
                    mutated = [.. mutated[..cut], .. Encoding.ASCII.GetBytes("\r\n\r\nHTTP/1.1 ?? \r\n"), .. mutated[cut..]];
                    break;
            }

            var parser = default(Http1ResponseParser);
            var (result, consumed) = FeedInPieces(ref parser, mutated, random);

            Assert.InRange(consumed, 0, mutated.Length);
            Assert.True(result is ResponseParseStatus.Complete or ResponseParseStatus.Invalid or ResponseParseStatus.NeedMore);
        }
    }

    /// <summary>Feeds bytes as a connection would deliver them: in random pieces, keeping what the parser did not consume.</summary>
    private static (ResponseParseStatus Result, int Consumed) FeedInPieces(ref Http1ResponseParser parser, byte[] bytes, Random random)
    {
        var pending = new List<byte>();
        var offset = 0;
        var total = 0;
        var result = ResponseParseStatus.NeedMore;
        var guard = 0;
        while (offset < bytes.Length && result == ResponseParseStatus.NeedMore)
        {
            Assert.True(++guard < 100_000, "the parser made no progress");
            var take = Math.Min(bytes.Length - offset, 1 + random.Next(random.Next(2) == 0 ? 4 : 200));
            pending.AddRange(bytes.AsSpan(offset, take).ToArray());
            offset += take;
            result = parser.Parse(pending.ToArray(), out var consumed);
            Assert.InRange(consumed, 0, pending.Count);
            pending.RemoveRange(0, consumed);
            total += consumed;
        }

        return (result, total);
    }

    private static (byte[] Bytes, int Status, long Body, bool Close) RandomResponse(Random random)
    {
        var sb = new StringBuilder();
        if (random.Next(8) == 0)
        {
            sb.Append("HTTP/1.1 100 Continue\r\n\r\n");
        }

        int[] statuses = [200, 201, 204, 301, 304, 404, 500, 503];
        var status = statuses[random.Next(statuses.Length)];
        var close = random.Next(5) == 0;
        sb.Append("HTTP/1.1 ").Append(status).Append(random.Next(3) == 0 ? string.Empty : " Reason Phrase").Append("\r\n");
        for (var h = random.Next(6); h > 0; h--)
        {
            sb.Append("X-H").Append(h).Append(": ").Append(new string('v', random.Next(60))).Append("\r\n");
        }

        if (close)
        {
            sb.Append("Connection: close\r\n");
        }

        var bodyLength = status is 204 or 304 ? 0 : random.Next(random.Next(2) == 0 ? 20 : 5000);
        var useChunked = random.Next(2) == 0 && status is not (204 or 304);
        if (useChunked)
        {
            sb.Append("Transfer-Encoding: chunked\r\n\r\n");
            var left = bodyLength;
            while (left > 0)
            {
                var chunk = Math.Min(left, 1 + random.Next(700));
                sb.Append(chunk.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append(random.Next(4) == 0 ? ";name=value" : string.Empty).Append("\r\n");
                sb.Append('b', chunk).Append("\r\n");
                left -= chunk;
            }

            sb.Append("0\r\n");
            if (random.Next(3) == 0)
            {
                sb.Append("Trailer-A: 1\r\n");
            }

            sb.Append("\r\n");
        }
        else
        {
            sb.Append("Content-Length: ").Append(bodyLength).Append("\r\n\r\n").Append('b', status is 204 or 304 ? 0 : bodyLength);
        }

        return (Encoding.ASCII.GetBytes(sb.ToString()), status, status is 204 or 304 ? 0 : bodyLength, close);
    }
}

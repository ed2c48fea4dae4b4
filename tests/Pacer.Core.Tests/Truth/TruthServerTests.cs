using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pacer.Core.Tests.Truth;

/// <summary>The reference must be right before anything is judged against it: the server's own log, checked with a raw client.</summary>
[Collection(nameof(TruthCollection))]
public sealed class TruthServerTests
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    [Fact]
    public void Records_KeepAliveRequests_LoggedWithPathStatusArrivalAndTheImposedServiceTime()
    {
        using var server = new TruthServer(r => new TruthReply(r.Path == "/slow" ? 503 : 200, r.ArrivalTicks + (r.Path == "/slow" ? 20 * Millisecond : 0)));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(IPAddress.Loopback, server.BaseAddress.Port);

        var sent = new List<long>();
        var answered = new List<long>();
        var statuses = new List<string>();
        foreach (var request in new[] { "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n", "POST /slow HTTP/1.1\r\nHost: x\r\ncontent-length: 5\r\n\r\nhello", "GET /fast?q=1 HTTP/1.1\r\nHost: x\r\n\r\n" })
        {
            sent.Add(Stopwatch.GetTimestamp());
            client.Send(Encoding.ASCII.GetBytes(request));
            statuses.Add(ReadResponse(client));
            answered.Add(Stopwatch.GetTimestamp());
        }

        var records = server.Records(TimeSpan.FromSeconds(5));

        Assert.Equal(["HTTP/1.1 200 OK", "HTTP/1.1 503 Service Unavailable", "HTTP/1.1 200 OK"], statuses);
        Assert.Equal(["/fast", "/slow", "/fast?q=1"], records.Select(r => r.Path));
        Assert.Equal(["GET", "POST", "GET"], records.Select(r => r.Method));
        Assert.Equal([200, 503, 200], records.Select(r => r.Status));
        Assert.Equal([0L, 1L, 2L], records.Select(r => r.Index));
        Assert.All(records, r => Assert.Equal(0, r.Connection));
        Assert.Equal(1, server.Connections);
        for (var i = 0; i < records.Count; i++)
        {
            // The server's interval lies inside the client's: it cannot see a request before it is sent, nor answer after it is read.
            Assert.InRange(records[i].ArrivalTicks, sent[i], records[i].DoneTicks);

            // The kernel's receive stamp lies between the client's send and the server's read of it.
            Assert.InRange(records[i].KernelArrivalTicks, sent[i], records[i].ArrivalTicks);
            Assert.InRange(records[i].DoneTicks, records[i].ArrivalTicks, answered[i]);
        }

        Assert.True(records[1].ServiceTicks >= 20 * Millisecond, $"service {records[1].ServiceMicros} µs");
    }

    [Fact]
    public void Records_AChunkedBody_IsReportedAsUnreadableRatherThanMiscounted()
    {
        using var server = new TruthServer(r => new TruthReply(200, 0));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(IPAddress.Loopback, server.BaseAddress.Port);
        client.Send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"u8);

        // The server closes the connection on what it cannot read; the client sees the end of the stream.
        Assert.Equal(0, client.Receive(new byte[256]));
        var error = Assert.Throws<InvalidOperationException>(() => server.Records(TimeSpan.FromSeconds(5)));
        Assert.Contains("Transfer-Encoding: chunked", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads one response with a Content-Length body; returns its status line.</summary>
    private static string ReadResponse(Socket socket)
    {
        var buffer = new byte[4096];
        var filled = 0;
        while (true)
        {
            var n = socket.Receive(buffer.AsSpan(filled));
            Assert.True(n > 0, "the server closed the connection");
            filled += n;
            var text = Encoding.ASCII.GetString(buffer, 0, filled);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var length = int.Parse(text.Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.Ordinal))[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (filled >= end + 4 + length)
            {
                return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
            }
        }
    }
}

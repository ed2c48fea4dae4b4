using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pacer.Core.Tests.Truth;

/// <summary>
/// The truth suite's reference server: plain blocking sockets on 127.0.0.1, one thread per keep-alive connection, its own
/// minimal HTTP/1.1 reading (nothing shared with Pacer's parser), and a log of every request — path, arrival of its first
/// byte and the moment it began writing the answer, on <see cref="Stopwatch"/>'s monotonic clock, which the test and Pacer share
/// because they run in the same process. A script decides each answer's status and earliest time, so a test can impose
/// service times from a known distribution, stall, or fail, and then compare Pacer's figures with the server's own.
/// </summary>
/// <remarks>
/// A thread blocked in <see cref="Socket.Receive(Span{byte})"/> is woken by the kernel when the bytes arrive, so the arrival time
/// is the kernel's hand-over plus one thread wake-up; an async server would add a hop through the thread pool.
/// </remarks>
internal sealed class TruthServer : IDisposable
{
    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Func<TruthRequest, TruthReply> script;
    private readonly List<Socket> accepted = [];
    private readonly List<TruthRecord> records = [];
    private readonly List<string> problems = [];
    private readonly object gate = new();
    private readonly Dictionary<int, byte[]> responses = [];
    private long nextIndex;
    private int inProgress;
    private int connections;

    /// <param name="script">Decides each answer from the request as it arrived; called on the connection's thread.</param>
    public TruthServer(Func<TruthRequest, TruthReply> script)
    {
        this.script = script;
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        // Receive timestamps from the start: accepted sockets inherit the option, and bytes a client sends before the server
        // accepts its connection are stamped too (see KernelStampedReceiver).
        KernelStampedReceiver.Enable(listener);
        listener.Listen(1024);
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/");
        new Thread(Accept) { IsBackground = true, Name = "truth-accept" }.Start();
    }

    public Uri BaseAddress { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>
    /// Waits (bounded by <paramref name="timeout"/>) until every request that arrived has been answered and logged, then
    /// returns the log in order of arrival. A response can reach the client before its line is logged, so a test reads the
    /// log through here, never directly.
    /// </summary>
    public IReadOnlyList<TruthRecord> Records(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (gate)
        {
            while (inProgress > 0)
            {
                var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (left <= TimeSpan.Zero || !Monitor.Wait(gate, left))
                {
                    throw new TimeoutException($"the truth server still had {inProgress} request(s) unanswered after {timeout}");
                }
            }

            if (problems.Count > 0)
            {
                throw new InvalidOperationException("the truth server could not read what it was sent: " + string.Join("; ", problems));
            }

            return [.. records.OrderBy(r => r.Index)];
        }
    }

    public void Dispose()
    {
        listener.Dispose();
        lock (accepted)
        {
            foreach (var socket in accepted)
            {
                socket.Dispose();
            }
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    /// <summary>Sleeps until <paramref name="ticks"/>, rounded up to the millisecond: the log keeps the real time, so no spinning is needed.</summary>
    private static void WaitUntil(long ticks)
    {
        long remaining;
        while ((remaining = ticks - Stopwatch.GetTimestamp()) > 0)
        {
            Thread.Sleep((int)Math.Max(1, (remaining * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency));
        }
    }

    private void Accept()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The test is over and the listener was closed.
                return;
            }

            socket.NoDelay = true;
            lock (accepted)
            {
                accepted.Add(socket);
            }

            var number = Interlocked.Increment(ref connections) - 1;
            new Thread(() => Serve(socket, number)) { IsBackground = true, Name = "truth-connection" }.Start();
        }
    }

    private void Serve(Socket socket, int connection)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var receiver = new KernelStampedReceiver(socket);
        long kernelArrival = 0;
        try
        {
            while (true)
            {
                // The arrival of a request is the read that brings its first byte (or the read that brought the previous
                // request's tail with it, when a client pipelines).
                var arrival = Stopwatch.GetTimestamp();
                if (filled == 0)
                {
                    var n = receiver.Receive(buffer, out kernelArrival);
                    arrival = Stopwatch.GetTimestamp();
                    if (n == 0)
                    {
                        return;
                    }

                    filled = n;
                }

                var index = Interlocked.Increment(ref nextIndex) - 1;
                lock (gate)
                {
                    inProgress++;
                }

                var status = 0;
                var method = "";
                var path = "";
                var done = arrival;
                try
                {
                    int end;
                    while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        filled += ReceiveMore(socket, buffer, filled);
                    }

                    var head = Encoding.ASCII.GetString(buffer, 0, end);
                    var lines = head.Split("\r\n");
                    var requestLine = lines[0].Split(' ');
                    if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
                    {
                        throw new InvalidDataException($"bad request line '{lines[0]}'");
                    }

                    method = requestLine[0];
                    path = requestLine[1];
                    var bodyLength = 0;
                    foreach (var line in lines.Skip(1))
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        var name = colon < 0 ? line : line[..colon].Trim();
                        if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        {
                            bodyLength = int.Parse(line[(colon + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                        }
                        else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                        {
                            throw new InvalidDataException($"'{line}' (this server reads Content-Length bodies only)");
                        }
                    }

                    var length = end + 4 + bodyLength;
                    while (filled < length)
                    {
                        filled += ReceiveMore(socket, buffer, filled);
                    }

                    buffer.AsSpan(length, filled - length).CopyTo(buffer);
                    filled -= length;

                    var reply = script(new TruthRequest(index, method, path, arrival));
                    WaitUntil(reply.NotBeforeTicks);

                    // Stamped before the write: the client cannot have the answer sooner, whereas a stamp after Send could be
                    // late by however long this thread was descheduled, and make the server's service look longer than Pacer's.
                    done = Stopwatch.GetTimestamp();
                    socket.Send(Response(reply.Status));
                    status = reply.Status;
                }
                catch (InvalidDataException e)
                {
                    // Not something this server reads: the test fails on it when it reads the log (see Records).
                    lock (gate)
                    {
                        problems.Add(e.Message);
                    }

                    return;
                }
                finally
                {
                    lock (gate)
                    {
                        records.Add(new TruthRecord(index, method, path, status, arrival, done, connection, kernelArrival));
                        inProgress--;
                        Monitor.PulseAll(gate);
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or EndOfStreamException)
        {
            // The client closed the connection (between requests, or abandoning one: logged with status 0) or the test ended.
        }
        finally
        {
            socket.Dispose();
        }
    }

    private static int ReceiveMore(Socket socket, byte[] buffer, int filled)
    {
        if (filled == buffer.Length)
        {
            throw new InvalidDataException("a request head and body over 64 kB");
        }

        var n = socket.Receive(buffer.AsSpan(filled));
        return n > 0 ? n : throw new EndOfStreamException("the client closed the connection mid-request");
    }

    private byte[] Response(int status)
    {
        lock (responses)
        {
            if (!responses.TryGetValue(status, out var bytes))
            {
                bytes = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
                responses[status] = bytes;
            }

            return bytes;
        }
    }
}

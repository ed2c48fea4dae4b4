using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Pacer.Core.Tests.Truth;

/// <summary>
/// Reads a connection with recvmsg and the kernel's software receive timestamp (SO_TIMESTAMPNS): when the bytes reached the
/// socket, however late the server's thread got to them. Arrival lateness is judged by this stamp, so a stall of the reference
/// server itself (its threads share the machine, and its code is compiled beside Pacer's) is not charged to Pacer.
/// </summary>
internal sealed unsafe partial class KernelStampedReceiver
{
    private const int SolSocket = 1;
    private const int SoTimestampNs = 35;
    private const int Eagain = 11;
    private const int Eintr = 4;

    private readonly Socket socket;

    public KernelStampedReceiver(Socket socket)
    {
        this.socket = socket;
        Enable(socket);
    }

    /// <summary>Asks the kernel to stamp what <paramref name="socket"/> receives (a listener's accepted sockets inherit it).</summary>
    public static void Enable(Socket socket) => socket.SetRawSocketOption(SolSocket, SoTimestampNs, BitConverter.GetBytes(1));

    /// <summary>
    /// Receives into <paramref name="buffer"/> (blocking until some bytes come; 0 when the peer closed);
    /// <paramref name="kernelTicks"/> is their receive stamp in Stopwatch ticks, or 0 when the kernel gave none.
    /// </summary>
    public int Receive(Span<byte> buffer, out long kernelTicks)
    {
        kernelTicks = 0;
        var control = stackalloc byte[64];
        fixed (byte* data = buffer)
        {
            while (true)
            {
                var vector = new IoVector { Base = data, Length = (nuint)buffer.Length };
                var message = new MessageHeader { Vectors = &vector, VectorCount = 1, Control = control, ControlLength = 64 };
                var n = RecvMsg((int)socket.Handle, &message, 0);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Eintr)
                    {
                        continue;
                    }

                    if (errno == Eagain)
                    {
                        socket.Poll(-1, SelectMode.SelectRead);
                        continue;
                    }

                    throw new SocketException(errno);
                }

                // One control message at most (only this option is on): cmsghdr { size_t len; int level; int type; } then a
                // struct timespec on CLOCK_REALTIME, which is turned into Stopwatch ticks through the two clocks read now.
                if (message.ControlLength >= 32 && *(int*)(control + 8) == SolSocket && *(int*)(control + 12) == SoTimestampNs)
                {
                    var stamp = DateTime.UnixEpoch.AddTicks((*(long*)(control + 16) * TimeSpan.TicksPerSecond) + (*(long*)(control + 24) / 100));
                    kernelTicks = ToStopwatchTicks(stamp);
                }

                return (int)n;
            }
        }
    }

    /// <summary>
    /// A CLOCK_REALTIME moment in Stopwatch ticks. The two clocks are read back to back, three times, and the pair with the
    /// shortest gap between its Stopwatch reads is used, at the middle of that gap: a thread preempted between two reads
    /// would otherwise put the stamp earlier by as long as it waited (CI saw an arrival "17 µs before its schedule" that way).
    /// </summary>
    private static long ToStopwatchTicks(DateTime stamp)
    {
        var gap = long.MaxValue;
        long middle = 0;
        var real = DateTime.MinValue;
        for (var i = 0; i < 3; i++)
        {
            var before = Stopwatch.GetTimestamp();
            var now = DateTime.UtcNow;
            var after = Stopwatch.GetTimestamp();
            if (after - before < gap)
            {
                gap = after - before;
                middle = before + ((after - before) / 2);
                real = now;
            }
        }

        return middle - (long)Math.Round((real - stamp).Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint RecvMsg(int socket, MessageHeader* message, int flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }
}

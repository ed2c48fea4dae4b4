using System.Runtime.InteropServices;
using Pacer.Core.Transport;

namespace Pacer.Core.Platform.Linux;

/// <summary>
/// The few libc calls the epoll transport needs. .NET's Socket would register every socket with its own epoll thread and add
/// a hop per readiness event; owning the file descriptors directly lets one event loop thread do send, receive and parse with
/// no handoff and no allocation.
/// </summary>
internal static unsafe partial class LinuxNative
{
    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const int EPIPE = 32;
    public const int EADDRNOTAVAIL = 99;
    public const int ENETUNREACH = 101;
    public const int ECONNABORTED = 103;
    public const int ECONNRESET = 104;
    public const int ETIMEDOUT = 110;
    public const int ECONNREFUSED = 111;
    public const int EHOSTUNREACH = 113;
    public const int EINPROGRESS = 115;
    public const int ENOSYS = 38;

    public const int SOCK_STREAM = 1;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int IPPROTO_TCP = 6;
    public const int TCP_NODELAY = 1;
    public const int SOL_SOCKET = 1;
    public const int SO_ERROR = 4;
    public const int MSG_NOSIGNAL = 0x4000;
    public const int MSG_PEEK = 0x2;
    public const int MSG_DONTWAIT = 0x40;

    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;
    public const uint EPOLLRDHUP = 0x2000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const int EPOLL_CTL_MOD = 3;
    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;
    public const int EFD_CLOEXEC = 0x80000;
    public const int PR_SET_TIMERSLACK = 29;

    /// <summary>struct epoll_event is packed on x86-64 (12 bytes, data at offset 4) and naturally aligned elsewhere (16, at 8).</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int EpollDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static int Errno => Marshal.GetLastPInvokeError();

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSocketOption(int fd, int level, int name, int* value, int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSocketOption(int fd, int level, int name, int* value, int* length);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollControl(int epoll, int operation, int fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, byte* events, int maxEvents, int timeoutMilliseconds);

    /// <summary>epoll_wait with a nanosecond timeout (Linux 5.11, glibc 2.35); null waits indefinitely.</summary>
    [LibraryImport("libc", EntryPoint = "epoll_pwait2", SetLastError = true)]
    public static partial int EpollWaitPrecise(int epoll, byte* events, int maxEvents, Timespec* timeout, void* signalMask);

    public const int CLOCK_THREAD_CPUTIME_ID = 3;

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGetTime(int clockId, Timespec* time);

    /// <summary>
    /// Asks for 1 ns of timer slack on the calling thread. Linux lets a normal thread's timed sleep end up to 50 µs late (its
    /// "timer slack", so the kernel can batch wake-ups); a thread that releases or writes requests at their intended time
    /// would be that much late, and the lateness would be measured as the service's queue time.
    /// </summary>
    public static void UsePreciseTimerSlack() => _ = Prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>sysconf(3)'s name for the clock ticks per second /proc counts process CPU time in (USER_HZ).</summary>
    public const int SC_CLK_TCK = 2;

    [LibraryImport("libc", EntryPoint = "sysconf", SetLastError = true)]
    public static partial long Sysconf(int name);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    /// <summary>epoll_ctl with the event mask and 64-bit user data laid out for this architecture.</summary>
    public static int EpollControl(int epoll, int operation, int fd, uint events, ulong data)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = events;
        *(ulong*)(ev + EpollDataOffset) = data;
        return EpollControl(epoll, operation, fd, ev);
    }

    /// <summary>The event mask of entry <paramref name="index"/> of an epoll_wait buffer.</summary>
    public static uint EventMask(byte* events, int index) => *(uint*)(events + (index * EpollEventSize));

    /// <summary>The user data of entry <paramref name="index"/> of an epoll_wait buffer.</summary>
    public static ulong EventData(byte* events, int index) => *(ulong*)(events + (index * EpollEventSize) + EpollDataOffset);

    /// <summary>struct timespec on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

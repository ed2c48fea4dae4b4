using System.Runtime.InteropServices;

namespace Pacer.Core.Platform.Linux;

/// <summary>
/// kill(2) for a whole process group: .NET can only signal one process (and only with SIGKILL for a tree), while a service
/// Pacer starts is stopped like a terminal stops a job — SIGTERM to its group, so its children hear it too.
/// </summary>
internal static partial class ProcessSignals
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    private const int ESRCH = 3;

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="group"/>; false when the group has no process left.</summary>
    public static bool SignalGroup(int group, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(group);
        return Send(-group, signal);
    }

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/> alone; false when it is gone.</summary>
    public static bool SignalProcess(int pid, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        return Send(pid, signal);
    }

    /// <summary>Whether group <paramref name="group"/> still has a process (signal 0 checks without sending anything).</summary>
    public static bool GroupExists(int group) => SignalGroup(group, 0);

    /// <summary>kill(2): a negative <paramref name="target"/> is a group; false for ESRCH (no such process or group).</summary>
    private static bool Send(int target, int signal)
    {
        if (Kill(target, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ESRCH ? false : throw new InvalidOperationException($"kill({target}, {signal}) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

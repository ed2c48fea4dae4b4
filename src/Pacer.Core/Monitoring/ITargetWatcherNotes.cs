namespace Pacer.Core.Monitoring;

/// <summary>
/// A watcher that can say something went partly wrong without failing a sample (a cgroup controller not enabled, a file it may
/// not read): its readings still count, and each note becomes one of its source's errors. Asked after every call of the watcher.
/// </summary>
internal interface ITargetWatcherNotes
{
    /// <summary>The notes since the last call, each to be reported once.</summary>
    IReadOnlyList<string> TakeNotes();
}

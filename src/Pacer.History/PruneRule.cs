namespace Pacer.History;

/// <summary>
/// Which runs <c>history prune</c> removes. With both conditions a run goes only when both select it ("older than a date, but
/// never one of the newest N"), so adding a condition can only keep more.
/// </summary>
/// <param name="Keep">Keep the newest this many runs of each plan; the older ones go.</param>
/// <param name="Before">Runs recorded before this go.</param>
internal sealed record PruneRule(int? Keep, DateTimeOffset? Before);

using System.Diagnostics.CodeAnalysis;
using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Flows;

/// <summary>
/// One run's place in a scenario's data: how many rows it has handed out. Created per run, so the plan's
/// <see cref="ScenarioData"/> stays read-only and a second run starts at the first row again. <see cref="TryNext"/> is safe
/// from any number of threads and takes no lock: one shared counter, advanced with <see cref="Interlocked"/>, decides every pick.
/// </summary>
internal sealed class DataCursor(ScenarioData data)
{
    // How many picks have been made; the next pick's number. A long never wraps at any realistic rate.
    private long picks;

    /// <summary>The rows this cursor hands out.</summary>
    public ScenarioData Data { get; } = data;

    /// <summary>True once a <see cref="DataFeedOrder.Unique"/> feed has handed out every row; <see cref="TryNext"/> then fails for good.</summary>
    public bool Exhausted => Data.Order == DataFeedOrder.Unique && Volatile.Read(ref picks) >= Data.Count;

    /// <summary>The next row in the data's order; false only when a <see cref="DataFeedOrder.Unique"/> feed is exhausted.</summary>
    public bool TryNext([MaybeNullWhen(false)] out DataRow row)
    {
        // Read first so an exhausted unique feed stops advancing the counter; the increment alone decides who gets the last rows.
        if (Exhausted)
        {
            row = null;
            return false;
        }

        row = Data.RowAt(Interlocked.Increment(ref picks) - 1);
        return row is not null;
    }
}

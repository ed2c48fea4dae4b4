namespace Pacer.Core.Plans.Scenarios;

/// <summary>The order a scenario's data rows are handed to its iterations in (<see cref="ScenarioData.RowAt"/>).</summary>
internal enum DataFeedOrder
{
    /// <summary>Row after row in file order, starting over after the last one.</summary>
    Sequential,

    /// <summary>Any row, picked uniformly at random every time.</summary>
    Random,

    /// <summary>Each row at most once across all virtual users, in file order; then the feed is exhausted.</summary>
    Unique,
}

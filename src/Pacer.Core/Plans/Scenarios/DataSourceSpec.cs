namespace Pacer.Core.Plans.Scenarios;

/// <summary>A scenario's data file and how its rows are handed to iterations.</summary>
internal sealed record DataSourceSpec(string Path, DataFeedOrder Order);

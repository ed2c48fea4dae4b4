namespace Pacer.Core.Plans.Scenarios;

/// <summary>One <c>record</c> entry of a request step: which custom metric it feeds and with what.</summary>
internal sealed record MetricRecord(int MetricIndex, string Metric, MetricValueSource Source, Template? Value);

using Pacer.Analysis.Capacity;

namespace Pacer.Reports.Capacity;

/// <summary>The top of <see cref="CapacityJson"/>'s document: what a script reads first without walking the report.</summary>
internal sealed record CapacityDocument(string Schema, string Plan, DateTimeOffset Created, string Model, string Headline, double? Capacity, double? Lower, double? Upper, CapacityReport Report, string? Hpa);

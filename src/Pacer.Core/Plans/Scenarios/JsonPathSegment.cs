namespace Pacer.Core.Plans.Scenarios;

/// <summary>One step of a <see cref="JsonPathExpression"/>: a property by name, or an array element by index.</summary>
/// <param name="Name">The property name; null for an index step.</param>
/// <param name="Index">The array index when <paramref name="Name"/> is null; negative counts from the end (-1 is the last element).</param>
internal readonly record struct JsonPathSegment(string? Name, int Index);

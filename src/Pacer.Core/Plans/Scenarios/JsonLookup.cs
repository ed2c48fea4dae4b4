namespace Pacer.Core.Plans.Scenarios;

/// <summary>What <see cref="JsonPathExpression.Find"/> found in a body.</summary>
internal enum JsonLookup
{
    /// <summary>The body is not one well-formed JSON value.</summary>
    NotJson,

    /// <summary>The body is JSON, but a property or element on the path is missing or of the wrong kind.</summary>
    Missing,

    /// <summary>The path picks a value.</summary>
    Found,
}

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>What a JSON check asks of the value at its path.</summary>
public enum JsonCondition
{
    /// <summary>The path exists (any value, null included).</summary>
    Exists,

    /// <summary>The value's text equals the expected text (strings unquoted).</summary>
    Equals,

    /// <summary>The value is a number below the bound.</summary>
    LessThan,

    /// <summary>The value is a number above the bound.</summary>
    GreaterThan,
}

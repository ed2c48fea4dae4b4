using System.Globalization;
using System.Text.Json;

namespace Pacer.Core.Flows.Checks;

/// <summary>A JSON body has a value at a path that exists, equals a value, or compares with a number. A body that is not JSON fails.</summary>
internal sealed class JsonCheck(string name, JsonPathExpression path, JsonCondition condition, string? expected) : ResponseCheck(name)
{
    public override bool Passes(FlowResponse response)
    {
        if (!response.TryGetJson(out var root) || !path.TryEvaluate(root, out var value))
        {
            return false;
        }

        return condition switch
        {
            JsonCondition.Exists => true,
            JsonCondition.Equals => JsonPathExpression.ToText(value) == expected,
            JsonCondition.LessThan => value.ValueKind == JsonValueKind.Number && value.GetDouble() < Bound(),
            JsonCondition.GreaterThan => value.ValueKind == JsonValueKind.Number && value.GetDouble() > Bound(),
            _ => false,
        };
    }

    private double Bound() => double.Parse(expected!, CultureInfo.InvariantCulture);
}

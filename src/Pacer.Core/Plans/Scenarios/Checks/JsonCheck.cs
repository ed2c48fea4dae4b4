using System.Globalization;
using System.Text;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>A JSON body has a value at a path that exists, equals a value, or compares with a number. A body that is not JSON fails.</summary>
internal sealed class JsonCheck(string name, JsonPathExpression path, JsonCondition condition, string? expected) : ResponseCheck(name)
{
    private readonly JsonPathExpression path = path;
    private readonly JsonCondition condition = condition;
    private readonly byte[] expectedUtf8 = Encoding.UTF8.GetBytes(expected ?? string.Empty);

    private readonly double bound = condition is JsonCondition.LessThan or JsonCondition.GreaterThan
        ? double.Parse(expected!, CultureInfo.InvariantCulture)
        : 0;

    public override bool Passes(ExchangeResponse response)
    {
        var body = response.Body;
        if (path.Find(body, out var value) != JsonLookup.Found)
        {
            return false;
        }

        return condition switch
        {
            JsonCondition.Exists => true,
            JsonCondition.Equals => value.TextEquals(body, expectedUtf8),
            JsonCondition.LessThan => value.TryGetNumber(body, out var number) && number < bound,
            JsonCondition.GreaterThan => value.TryGetNumber(body, out var number) && number > bound,
            _ => false,
        };
    }
}

using System.Globalization;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>A JSON body has a value at a path that exists, equals a value, or compares with a number. A body that is not JSON fails.</summary>
/// <remarks>The value of <c>equals</c> may hold placeholders; the bound of <c>lt</c> and <c>gt</c> is a number, read once.</remarks>
internal sealed class JsonCheck(string name, JsonPathExpression path, JsonCondition condition, CheckValue? expected) : ResponseCheck(name)
{
    private readonly JsonPathExpression path = path;
    private readonly JsonCondition condition = condition;
    private readonly CheckValue? expected = expected;

    private readonly double bound = condition is JsonCondition.LessThan or JsonCondition.GreaterThan
        ? double.Parse(expected!.Text, CultureInfo.InvariantCulture)
        : 0;

    public override bool Passes(ExchangeResponse response, ITemplateScope scope, WireBuffer scratch)
    {
        var body = response.Body;
        if (path.Find(body, out var value) != JsonLookup.Found)
        {
            return false;
        }

        return condition switch
        {
            JsonCondition.Exists => true,
            JsonCondition.Equals => expected is not null && value.TextEquals(body, expected.Render(scope, scratch)),
            JsonCondition.LessThan => value.TryGetNumber(body, out var number) && number < bound,
            JsonCondition.GreaterThan => value.TryGetNumber(body, out var number) && number > bound,
            _ => false,
        };
    }
}

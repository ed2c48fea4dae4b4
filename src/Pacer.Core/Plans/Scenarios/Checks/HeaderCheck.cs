using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>A response header is present, and optionally equal to a value (names compared ignoring case, values exactly).</summary>
internal sealed class HeaderCheck(string name, string header, CheckValue? expected) : ResponseCheck(name)
{
    private readonly string header = header;
    private readonly CheckValue? expected = expected;

    public override bool Passes(ExchangeResponse response, ITemplateScope scope, WireBuffer scratch) =>
        response.TryGetHeader(header, out var value) && (expected is null || value.SequenceEqual(expected.Render(scope, scratch)));
}

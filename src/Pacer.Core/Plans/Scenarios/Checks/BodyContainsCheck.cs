using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>The body contains a string, case-sensitively (searched as UTF-8 bytes, so the body is never decoded).</summary>
internal sealed class BodyContainsCheck(string name, CheckValue text) : ResponseCheck(name)
{
    private readonly CheckValue text = text;

    public override bool Passes(ExchangeResponse response, ITemplateScope scope, WireBuffer scratch) =>
        response.Body.IndexOf(text.Render(scope, scratch)) >= 0;
}

using System.Text.RegularExpressions;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>The body (as UTF-8 text) matches a regular expression.</summary>
internal sealed class BodyMatchesCheck(string name, Regex pattern) : ResponseCheck(name)
{
    private readonly Regex pattern = pattern;

    public override bool Passes(ExchangeResponse response, ITemplateScope scope, WireBuffer scratch) => pattern.IsMatch(response.Text);
}

using System.Text;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>The body contains a string, case-sensitively (searched as UTF-8 bytes, so the body is never decoded).</summary>
internal sealed class BodyContainsCheck(string name, string text) : ResponseCheck(name)
{
    private readonly byte[] utf8 = Encoding.UTF8.GetBytes(text);

    public override bool Passes(ExchangeResponse response) => response.Body.IndexOf(utf8) >= 0;
}
